package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
import java.nio.file.Path;

/** Paths in a spec are relative to the spec file's directory, as in a compose file. */
final class SpecFiles {
    private SpecFiles() {
    }

    static Spec resolveAgainst(Spec spec, Path specFile) {
        Path directory = specFile.toAbsolutePath().getParent();
        Spec.Local local = spec.local();
        spec = spec.withLocal(new Spec.Local(local.command(), local.environment(),
                directory.resolve(local.directory() == null ? "." : local.directory()).normalize().toString()));
        Spec.Auth auth = spec.probes().auth();
        if (auth != null && auth.file() != null) {
            Spec.Probes probes = spec.probes();
            spec = spec.withProbes(new Spec.Probes(probes.headers(), new Spec.Auth(auth.header(), null,
                    directory.resolve(auth.file()).normalize().toString()), probes.writes(), probes.state(), probes.parallel()));
        }
        if (spec.compose() == null) {
            return spec;
        }
        Spec.Compose compose = spec.compose();
        return spec.withCompose(new Spec.Compose(compose.files().stream().map(f -> directory.resolve(f).normalize().toString()).toList(),
                compose.project(), compose.database(), compose.balancer(), compose.loadBalancer(), compose.environment()));
    }
}
