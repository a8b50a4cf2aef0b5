package dev.scalecheck.cli;

import dev.scalecheck.compose.init.StarterSpec;
import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.compose.lint.ComposeProject;
import java.io.PrintWriter;
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

    @CommandLine.Mixin
    ComposeModelOptions composeOptions;

    @Option(names = {"-o", "--output"}, defaultValue = "scalecheck.yml", description = "Where to write the spec (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing spec.")
    boolean force;

    @Override
    public Integer call() {
        ComposeProject project = composeOptions.project();
        Path compose = project.files().get(0);
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
        for (Path file : project.files()) {
            if (output.toAbsolutePath().normalize().equals(file)) {
                throw new BadFlags(command, "-o " + output + " is the compose file -f reads; write the spec to another file, "
                        + "e.g. -o scalecheck.yml");
            }
        }
        ComposeFile file = ComposeModels.load(project);
        if (file.services().isEmpty()) {
            throw new IllegalArgumentException(compose + " has no services: (a mapping of service names); init reads a compose "
                    + "file that defines the service to scale, its database and its load balancer");
        }
        StarterSpec.Draft draft = StarterSpec.write(file, String.join(", ", project.files().stream()
                .map(f -> StarterSpec.relative(output, f)).toList()), System.getenv());
        try {
            Files.writeString(output, draft.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("wrote " + output + " (" + draft.todos() + " TODO lines to check; read with " + file.source() + ")");
        // the draft as validate reads it: what the TODO lines still leave wrong is said now, not at the first run
        try {
            out.println(ValidateCommand.validate(output));
            out.println("then: scalecheck run -f " + output);
        } catch (IllegalArgumentException | dev.scalecheck.core.spec.SpecException invalid) {
            out.println("validate: " + invalid.getMessage());
            out.println("fix the TODO lines, then: scalecheck validate -f " + output);
        }
        return ExitCode.PASSED;
    }
}
