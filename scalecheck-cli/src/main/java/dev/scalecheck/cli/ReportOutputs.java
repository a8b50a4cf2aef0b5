package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The report files a command can write: --junit, --json, --html. */
final class ReportOutputs {

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one testcase per check).")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (docs/report-schema.json).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with the start-up timeline.")
    Path html;

    /**
     * A report path that is a directory, whose directory does not exist, or that two reports (or the
     * input) share is bad input, found before anything starts.
     *
     * @param inputs files the command reads, which a report must not overwrite
     */
    void check(CommandLine.Model.CommandSpec command, Path... inputs) {
        Map<Path, String> taken = new HashMap<>();
        for (Path input : inputs) {
            if (input != null) {
                taken.put(input.toAbsolutePath().normalize(), "the input");
            }
        }
        String[] flags = {"--junit", "--json", "--html"};
        Path[] files = {junit, json, html};
        for (int i = 0; i < files.length; i++) {
            Path file = files[i];
            if (file == null) {
                continue;
            }
            Path absolute = file.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                throw new BadFlags(command, flags[i] + " " + file + " is a directory; expected a file name, e.g. "
                        + file.resolve("report" + (i == 0 ? ".xml" : i == 1 ? ".json" : ".html")));
            }
            Path parent = absolute.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new BadFlags(command, "cannot write " + file + ": directory " + parent + " does not exist; create it or "
                        + "choose another path for " + flags[i]);
            }
            String other = taken.putIfAbsent(absolute, flags[i]);
            if (other != null) {
                throw new BadFlags(command, flags[i] + " " + file + " is also " + other + "; give each report its own file");
            }
        }
    }

    void write(RunReport report) {
        ReportFiles.write(report, junit, json, html);
    }

    /** A series' reports: JSON as a series document (docs/series-schema.json), JUnit one suite per run, HTML with the curve. */
    void write(dev.scalecheck.core.run.Series series) {
        ReportFiles.write(series, junit, json, html);
    }

    /** Beside the first report asked for, {@code scalecheck-logs/}: where each replica's whole output goes. */
    java.util.Optional<Path> logDirectory() {
        for (Path file : new Path[] {json, html, junit}) {
            if (file != null) {
                Path parent = file.toAbsolutePath().normalize().getParent();
                return java.util.Optional.of(parent.resolve("scalecheck-logs"));
            }
        }
        return java.util.Optional.empty();
    }
}
