package dev.scalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that runs a scaling test shares. */
final class RunOptions {

    @Option(names = "--keep", description = "Leave everything running after the checks; Ctrl-C removes it.")
    boolean keep;

    @CommandLine.Mixin
    ReportOutputs reports = new ReportOutputs();

    @CommandLine.Mixin
    ConsoleOptions console = new ConsoleOptions();

    /** Flags that contradict each other or name a report file that cannot be written; {@code inputs} must not be overwritten. */
    void check(CommandLine.Model.CommandSpec command, java.nio.file.Path... inputs) {
        console.check(command);
        reports.check(command, inputs);
    }
}
