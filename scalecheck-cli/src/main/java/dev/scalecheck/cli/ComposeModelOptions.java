package dev.scalecheck.cli;

import dev.scalecheck.compose.lint.ComposeProject;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The compose project lint and init read, with docker compose's own flags. */
final class ComposeModelOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "A compose file; repeat it to merge several as docker compose does (default: docker-compose.yml).")
    List<Path> files;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Where relative paths and .env are resolved (default: the first file's directory).")
    Path projectDirectory;

    @Option(names = "--profile", paramLabel = "NAME", description = "A compose profile to enable; repeat it for several.")
    List<String> profiles;

    @Option(names = "--env-file", paramLabel = "FILE", description = "An env file instead of the project's .env; repeat it for several.")
    List<Path> envFiles;

    ComposeProject project() {
        return new ComposeProject(files == null ? List.of(Path.of("docker-compose.yml")) : files, projectDirectory, profiles, envFiles,
                System.getenv());
    }
}
