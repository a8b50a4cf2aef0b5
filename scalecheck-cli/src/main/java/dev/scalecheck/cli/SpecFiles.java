package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
import java.nio.file.Path;

/** Paths in a spec are relative to the spec file's directory, as in a compose file. */
final class SpecFiles {
    private SpecFiles() {
    }

    static Spec resolveAgainst(Spec spec, Path specFile) {
        if (spec.compose() == null) {
            return spec;
        }
        Path directory = specFile.toAbsolutePath().getParent();
        Spec.Compose compose = spec.compose();
        return spec.withCompose(new Spec.Compose(compose.files().stream().map(f -> directory.resolve(f).normalize().toString()).toList(),
                compose.project(), compose.database(), compose.balancer(), compose.loadBalancer(), compose.environment()));
    }
}
