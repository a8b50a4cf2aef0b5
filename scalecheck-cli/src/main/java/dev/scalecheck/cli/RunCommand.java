package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecException;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalecheck run -f scalecheck.yml}: the scaling test of a spec. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Bring up a fresh environment from a spec, start N replicas at once and check that scaling is safe.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, defaultValue = "scalecheck.yml", description = "The spec (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--replicas", description = "Override the spec's replica count.")
    Integer replicas;

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    @Override
    public Integer call() {
        Spec spec;
        try {
            spec = SpecFiles.resolveAgainst(new SpecReader().read(file), file);
            if (replicas != null) {
                spec = DemoCommand.withReplicas(spec, replicas);
            }
        } catch (SpecException | IllegalArgumentException e) {
            command.commandLine().getErr().println("scalecheck: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        return RunExecutor.execute(spec, options, command.commandLine().getOut(), command.commandLine().getErr());
    }
}
