package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.reports.ConsoleRenderer;
import dev.scalecheck.reports.JsonReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code scalecheck report run.json --html out.html}: renders a saved run again, in any format. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Render a saved JSON report again (console, HTML, JUnit XML, JSON).")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "RUN.json", description = "A report written by --json.")
    Path input;

    @CommandLine.Mixin
    ReportOutputs outputs = new ReportOutputs();

    @CommandLine.Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() {
        console.check(command);
        outputs.check(command, input);
        RunReport report = JsonReport.read(input);
        outputs.write(report);
        try {
            new ConsoleRenderer(console.verbose, console.quiet, console.colour()).render(report, command.commandLine().getOut());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCode.PASSED;
    }
}
