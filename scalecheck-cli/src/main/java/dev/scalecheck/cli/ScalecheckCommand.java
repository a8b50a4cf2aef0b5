package dev.scalecheck.cli;

import dev.scalecheck.core.InputFile;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code scalecheck}: proves, before production, that a service is safe to run as N replicas. */
@Command(name = "scalecheck",
        mixinStandardHelpOptions = true,
        versionProvider = ScalecheckCommand.Version.class,
        description = "Proves, before production, that a service is safe to run as N replicas.",
        subcommands = {DemoCommand.class, RunCommand.class, RampCommand.class, ValidateCommand.class, LintCommand.class, ReportCommand.class,
            InitCommand.class, CleanCommand.class})
final class ScalecheckCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an internal error.")
    boolean debug;

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line; a test passes a factory that builds the commands with a launcher that starts nothing. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new ScalecheckCommand(), factory);
        commandLine.setParameterExceptionHandler(ScalecheckCommand::badInput);
        commandLine.setExecutionExceptionHandler(ScalecheckCommand::failed);
        commandLine.setExitCodeExceptionMapper(ExitCode::of);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.BAD_INPUT);
        return commandLine;
    }

    /** Flags picocli cannot parse, or that a command refuses: one line on stderr, exit 2. */
    private static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String hint = e instanceof BadFlags ? "" : "; see '" + command.getCommandSpec().qualifiedName() + " --help'";
        command.getErr().println("scalecheck: " + InputFile.oneLine(e.getMessage()) + hint);
        command.getErr().flush();
        return ExitCode.of(e);
    }

    /** An exception out of a command: its type decides the exit code; only an internal error asks to be reported. */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        int code = ExitCode.of(e);
        PrintWriter err = command.getErr();
        if (code == ExitCode.INTERNAL) {
            err.println("scalecheck: internal error: " + e.getClass().getName() + (e.getMessage() == null ? ""
                    : ": " + InputFile.oneLine(e.getMessage())) + "; this is a bug in scalecheck, please report it with the "
                    + "command you ran" + (debug(parsed) ? " and the stack trace below" : " and its output with --debug (the stack trace)"));
            if (debug(parsed)) {
                e.printStackTrace(err);
            }
        } else {
            err.println("scalecheck: " + InputFile.oneLine(e.getMessage()));
        }
        err.flush();
        return code;
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
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
