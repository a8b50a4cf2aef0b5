package dev.scalecheck.cli;

import dev.scalecheck.compose.init.StarterSpec;
import dev.scalecheck.compose.lint.ComposeFile;
import java.io.IOException;
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
        if (Files.exists(output) && !force) {
            command.commandLine().getErr().println("scalecheck: " + output + " already exists; pass --force to overwrite it");
            return ExitCode.BAD_INPUT;
        }
        StarterSpec.Draft draft;
        try {
            draft = StarterSpec.write(ComposeFile.read(compose), StarterSpec.relative(output, compose), System.getenv());
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println("scalecheck: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try {
            Files.writeString(output, draft.text());
        } catch (IOException e) {
            command.commandLine().getErr().println("scalecheck: cannot write " + output + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        command.commandLine().getOut().println("wrote " + output + " (" + draft.todos() + " TODO lines to check); then: scalecheck run -f "
                + output);
        return ExitCode.PASSED;
    }
}
