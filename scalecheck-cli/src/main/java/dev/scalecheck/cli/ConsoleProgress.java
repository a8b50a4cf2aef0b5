package dev.scalecheck.cli;

import dev.scalecheck.core.run.RunListener;
import dev.scalecheck.core.run.StepResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Numbered steps as the seed's Makefile prints them, each closed with its outcome and elapsed
 * time. Live, the open step shows a spinner and its running time; quiet, nothing.
 */
final class ConsoleProgress implements RunListener {
    private static final String SPINNER = "|/-\\";

    private final PrintWriter out;
    private final boolean live;
    private final boolean quiet;
    private Thread ticker;
    private String open;

    ConsoleProgress(PrintWriter out, ConsoleOptions options) {
        this.out = out;
        this.live = options.live();
        this.quiet = options.quiet;
    }

    @Override
    public synchronized void stepStarted(int number, int total, String title) {
        if (quiet) {
            return;
        }
        open = "[" + number + "/" + total + "] " + title + "...";
        out.print(open);
        out.flush();
        if (live) {
            long started = System.nanoTime();
            ticker = new Thread(() -> tick(started), "scalecheck-spinner");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    private void tick(long started) {
        int frame = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    out.print(String.format(Locale.ROOT, "\r%s %c %.1f s ", open, SPINNER.charAt(frame++ % SPINNER.length()),
                            (System.nanoTime() - started) / 1e9));
                    out.flush();
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stepFinished(StepResult step) {
        Thread running;
        synchronized (this) {
            running = ticker;
            ticker = null;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (quiet) {
            return;
        }
        synchronized (this) {
            String result = String.format(Locale.ROOT, " %s (%.1f s)", step.ok() ? step.outcome() : "FAILED: " + step.outcome(),
                    step.duration().toMillis() / 1000.0);
            out.println(live ? "\r" + open + result + "\u001b[K" : result);
            out.flush();
        }
    }

    /** Said even with --quiet: the run ends without a verdict. */
    @Override
    public synchronized void interrupted() {
        out.println("interrupted — tearing down");
        out.flush();
    }
}
