package dev.scalecheck.cli;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.compose.lint.ComposeProject;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a spec names outside itself, checked before anything starts: the orchestrator, the
 * compose files (present, within the size limit, valid YAML) and the replicas' directory.
 * Every refusal is an {@link IllegalArgumentException} with one line naming the key and the fix.
 */
final class Preflight {
    private Preflight() {
    }

    /** The compose project of a spec: its files, the spec's compose environment over this process's. */
    static ComposeProject project(Spec.Compose compose) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.putAll(compose.environment());
        return new ComposeProject(compose.files().stream().map(Path::of).toList(), null, java.util.List.of(), java.util.List.of(),
                environment);
    }

    /** @param source the spec file, or a description of where the spec came from */
    static void check(Spec spec, String source) {
        Orchestrator.named(spec.orchestrator());
        if (spec.orchestrator().equals("compose") || spec.orchestrator().equals("swarm")) {
            Spec.Compose compose = spec.compose() == null ? new Spec.Compose(null, null, null, null, null, null) : spec.compose();
            for (String file : compose.files()) {
                Path path = Path.of(file);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException(source + ": compose.files: " + file + " does not exist; list the compose "
                            + "files relative to the spec's directory");
                }
                ComposeFile.read(path);
            }
            ComposeModels.load(project(compose));
        }
        if (spec.orchestrator().equals("local") && spec.local().directory() != null
                && !Files.isDirectory(Path.of(spec.local().directory()))) {
            throw new IllegalArgumentException(source + ": local.directory " + spec.local().directory() + " is not a directory; "
                    + "set it relative to the spec's directory, or leave it out");
        }
    }
}
