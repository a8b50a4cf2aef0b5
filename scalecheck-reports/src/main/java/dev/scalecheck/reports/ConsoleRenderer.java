package dev.scalecheck.reports;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.run.RunReport;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The terminal summary: one line per check (status, id, reason), its details, and the final verdict. */
public final class ConsoleRenderer implements Renderer {
    private final boolean verbose;

    public ConsoleRenderer(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void render(RunReport report, Writer out) throws IOException {
        out.write("\n");
        if (report.environmentError() != null) {
            out.write("ERROR  the run could not be carried out: " + report.environmentError() + "\n");
        }
        int width = report.results().stream().mapToInt(r -> r.id().length()).max().orElse(10);
        for (CheckResult result : report.results()) {
            out.write(String.format(Locale.ROOT, "%-7s %-" + width + "s  %s%n", result.status(), result.id(), result.summary()));
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
        out.write("\n");
        String seconds = String.format(Locale.ROOT, "%.1f s", report.duration().toMillis() / 1000.0);
        if (report.passed()) {
            out.write("SCALING TEST PASSED (" + report.results().size() + " checks, " + report.replicas() + " replicas, "
                    + seconds + ")\n");
        } else if (report.environmentError() != null) {
            out.write("SCALING TEST NOT RUN (environment problem, " + seconds + ")\n");
        } else {
            out.write("SCALING TEST FAILED (" + report.failed() + " of " + report.results().size() + " checks, " + seconds + ")\n");
        }
        out.flush();
    }
}
