package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
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

    private final Launcher launcher;

    RunCommand() {
        this(Launcher.REAL);
    }

    RunCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    /** Everything is read and checked before the launcher starts anything; a refusal is an exception ({@link ExitCode#of}). */
    @Override
    public Integer call() {
        options.check(command, file);
        if (replicas != null) {
            DemoCommand.checkReplicas(command, replicas);
        }
        Spec spec = SpecFiles.resolveAgainst(new SpecReader().read(file), file);
        if (replicas != null) {
            spec = spec.withReplicas(replicas);
        }
        spec = options.withScenarios(spec);
        Preflight.check(spec, file.toString());
        return launcher.launch(spec, options, command.commandLine().getOut(), command.commandLine().getErr());
    }
}
