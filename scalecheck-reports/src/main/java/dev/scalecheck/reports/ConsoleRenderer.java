package dev.scalecheck.reports;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.run.RunReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The terminal summary: one line per check (status, id, reason), its details, and the final verdict. */
public final class ConsoleRenderer implements Renderer {
    private static final String RESET = "\u001b[0m";

    private final boolean verbose;
    private final boolean quiet;
    private final boolean colour;

    /**
     * @param verbose details and evidence of every check, also passing ones
     * @param quiet only failed checks and the verdict
     * @param colour ANSI colours for the statuses (a terminal without NO_COLOR)
     */
    public ConsoleRenderer(boolean verbose, boolean quiet, boolean colour) {
        this.verbose = verbose;
        this.quiet = quiet;
        this.colour = colour;
    }

    private String paint(Status status, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (status) {
            case PASS -> "\u001b[32m";
            case FAIL -> "\u001b[31;1m";
            case ERROR -> "\u001b[33;1m";
            case SKIPPED -> "\u001b[2m";
        };
        return code + text + RESET;
    }

    @Override
    public void render(RunReport report, Writer out) throws IOException {
        out.write("\n");
        if (report.environmentError() != null) {
            out.write("ERROR  the run could not be carried out: " + report.environmentError() + "\n");
        }
        int width = report.results().stream().mapToInt(r -> r.id().length()).max().orElse(10);
        for (CheckResult result : report.results()) {
            if (quiet && (result.status() == Status.PASS || result.status() == Status.SKIPPED)) {
                continue;
            }
            out.write(paint(result.status(), String.format(Locale.ROOT, "%-7s", result.status()))
                    + String.format(Locale.ROOT, " %-" + width + "s  %s%n", result.id(), result.summary()));
            if (verbose || result.status() == Status.FAIL || result.status() == Status.ERROR) {
                int shown = 0;
                for (String detail : result.details()) {
                    if (!verbose && shown++ == 8) {
                        out.write("        ... " + (result.details().size() - 8) + " more\n");
                        break;
                    }
                    out.write("        - " + detail + "\n");
                }
            }
            if (verbose) {
                for (String fact : result.evidence()) {
                    out.write("        = " + fact + "\n");
                }
            }
        }
        if (report.timelines().stream().anyMatch(t -> t.node() != null)) {
            out.write("\nnodes   " + report.timelines().stream().map(t -> t.replica() + " on " + (t.node() == null ? "?" : t.node()))
                    .collect(java.util.stream.Collectors.joining(", ")) + "\n");
        }
        out.write("\n");
        String seconds = String.format(Locale.ROOT, "%.1f s", report.duration().toMillis() / 1000.0);
        if (report.passed()) {
            out.write((colour ? "\u001b[32;1m" : "") + verdict(report) + " (" + Words.count(report.replicas(), "replica") + ", "
                    + seconds + ")" + (colour ? RESET : "") + "\n");
        } else if (report.environmentError() != null) {
            out.write("SCALING TEST NOT RUN (environment problem, " + seconds + ")\n");
        } else {
            out.write(verdict(report) + " (" + seconds + ")\n");
        }
        out.flush();
    }

    /**
     * The verdict in words, saying how many checks were skipped: "SCALING TEST PASSED, 3 of 10
     * checks skipped: shared-writes, cross-replica-state, startup-budget". Every renderer uses it.
     */
    public static String verdict(RunReport report) {
        if (report.environmentError() != null) {
            return "SCALING TEST NOT RUN";
        }
        List<String> skipped = report.skipped();
        String skips = skipped.isEmpty() ? "" : ", " + skipped.size() + " of " + Words.count(report.results().size(), "check")
                + " skipped: " + String.join(", ", skipped);
        if (report.passed()) {
            return "SCALING TEST PASSED" + (skipped.isEmpty() ? ", " + Words.count(report.results().size(), "check") : skips);
        }
        if (report.failed() == 0) {
            return "SCALING TEST NOT PASSED, nothing was judged" + skips;
        }
        return "SCALING TEST FAILED, " + report.failed() + " of " + Words.count(report.results().size(), "check") + " failed" + skips;
    }
}
