package dev.scalecheck.cli;

import dev.scalecheck.compose.init.StarterSpec;
import dev.scalecheck.compose.lint.ComposeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalecheck init}: a starter scalecheck.yml for an existing compose stack. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter scalecheck.yml for an existing compose stack; what it cannot tell is a TODO line.")
final class InitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, defaultValue = "docker-compose.yml", description = "The compose file (default: ${DEFAULT-VALUE}).")
    Path compose;

    @Option(names = {"-o", "--output"}, defaultValue = "scalecheck.yml", description = "Where to write the spec (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing spec.")
    boolean force;

    @Override
    public Integer call() {
        if (output.toAbsolutePath().normalize().equals(compose.toAbsolutePath().normalize())) {
            throw new BadFlags(command, "-o " + output + " is the compose file -f reads; write the spec to another file, "
                    + "e.g. -o scalecheck.yml");
        }
        if (Files.isDirectory(output)) {
            throw new BadFlags(command, "-o " + output + " is a directory; expected a file name, e.g. "
                    + output.resolve("scalecheck.yml"));
        }
        if (Files.exists(output) && !force) {
            throw new BadFlags(command, output + " already exists; pass --force to overwrite it");
        }
        ComposeFile file = ComposeFile.read(compose);
        if (file.services().isEmpty()) {
            throw new IllegalArgumentException(compose + " has no services: (a mapping of service names); init reads a compose "
                    + "file that defines the service to scale, its database and its load balancer");
        }
        StarterSpec.Draft draft = StarterSpec.write(file, StarterSpec.relative(output, compose), System.getenv());
        try {
            Files.writeString(output, draft.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        command.commandLine().getOut().println("wrote " + output + " (" + draft.todos() + " TODO lines to check); then: scalecheck run -f "
                + output);
        return ExitCode.PASSED;
    }
}
