package dev.scalecheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that runs a scaling test shares. */
final class RunOptions {

    @Option(names = "--keep", description = "Leave everything running after the checks; Ctrl-C removes it.")
    boolean keep;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one testcase per check).")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (docs/report-schema.json).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with the start-up timeline.")
    Path html;

    @CommandLine.Mixin
    ConsoleOptions console = new ConsoleOptions();

    /** A report file whose directory does not exist is bad input, found before anything starts. */
    String badReportPath() {
        for (Path file : new Path[] {junit, json, html}) {
            if (file != null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent == null || !Files.isDirectory(parent)) {
                    return "cannot write " + file + ": directory " + parent + " does not exist; create it or choose another path";
                }
            }
        }
        return null;
    }
}
