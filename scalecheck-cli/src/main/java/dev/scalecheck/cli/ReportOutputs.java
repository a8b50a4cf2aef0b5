package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The report files a command can write: --junit, --json, --html. */
final class ReportOutputs {

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one testcase per check).")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (docs/report-schema.json).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with the start-up timeline.")
    Path html;

    /** A report file whose directory does not exist is bad input, found before anything starts. */
    String badPath() {
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

    void write(RunReport report) {
        ReportFiles.write(report, junit, json, html);
    }
}
