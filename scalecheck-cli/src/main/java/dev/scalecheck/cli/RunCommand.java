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

    @Option(names = "--keep", description = "Leave everything running after the checks; Ctrl-C removes it.")
    boolean keep;

    @Option(names = "--verbose", description = "Show every check's details, also when it passed.")
    boolean verbose;

    @Override
    public Integer call() {
        Spec spec;
        try {
            spec = new SpecReader().read(file);
            if (replicas != null) {
                spec = DemoCommand.withReplicas(spec, replicas);
            }
        } catch (SpecException | IllegalArgumentException e) {
            command.commandLine().getErr().println("scalecheck: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        return RunExecutor.execute(spec, keep, verbose, command.commandLine().getOut(), command.commandLine().getErr());
    }
}
