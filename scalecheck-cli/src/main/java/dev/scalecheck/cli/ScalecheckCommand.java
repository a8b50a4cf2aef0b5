package dev.scalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scalecheck}: proves, before production, that a service is safe to run as N replicas. */
@Command(name = "scalecheck",
        mixinStandardHelpOptions = true,
        versionProvider = ScalecheckCommand.Version.class,
        description = "Proves, before production, that a service is safe to run as N replicas.",
        subcommands = {DemoCommand.class, RunCommand.class, ValidateCommand.class, LintCommand.class, ReportCommand.class,
            InitCommand.class, CleanCommand.class})
final class ScalecheckCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ScalecheckCommand());
        commandLine.setExitCodeExceptionMapper(e -> ExitCode.BAD_INPUT);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.BAD_INPUT);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ScalecheckCommand.class.getPackage().getImplementationVersion();
            return new String[] {"scalecheck " + (version == null ? "dev" : version)};
        }
    }
}
