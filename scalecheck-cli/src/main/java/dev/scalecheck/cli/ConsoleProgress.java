package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunListener;
import dev.scalecheck.core.run.StepResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Numbered steps as the seed's Makefile prints them, each closed with its outcome and elapsed time. */
final class ConsoleProgress implements RunListener {
    private final PrintWriter out;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepStarted(int number, int total, String title) {
        out.print("[" + number + "/" + total + "] " + title + "...");
        out.flush();
    }

    @Override
    public void stepFinished(StepResult step) {
        out.println(String.format(Locale.ROOT, " %s (%.1f s)", step.ok() ? step.outcome() : "FAILED: " + step.outcome(),
                step.duration().toMillis() / 1000.0));
        out.flush();
    }
}
