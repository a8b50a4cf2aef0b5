package dev.scalecheck.cli;

import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.run.Run;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.reports.ConsoleRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs a checked spec (see {@link Preflight}) with console progress and summary; decides the exit code from the report.
 * Ctrl-C (SIGINT) or SIGTERM stops the run where it is: it says "interrupted — tearing down", tears down on its own
 * thread, prints no verdict, and the JVM then exits 130 (143 for SIGTERM).
 */
final class RunExecutor {
    /** How long the shutdown hook waits for an interrupted run to tear down before it tears down itself. */
    private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(60);

    private RunExecutor() {
    }

    static int execute(Spec spec, RunOptions options, PrintWriter out, PrintWriter err) {
        boolean keep = options.keep;
        Orchestrator orchestrator = Orchestrator.named(spec.orchestrator());
        Run run = new Run(spec, orchestrator, Clock.systemUTC(), new ConsoleProgress(out, options.console));
        options.reports.logDirectory().ifPresent(run::saveLogsTo);
        Thread onInterrupt = new Thread(() -> {
            run.interrupt();
            run.awaitFinished(TEARDOWN_WAIT);
            run.teardown();
        }, "scalecheck-teardown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        RunReport report;
        try {
            report = run.execute(options.reports::write, keep);
        } catch (IllegalArgumentException e) {
            err.println("scalecheck: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (InterruptedException e) {
            run.teardown();
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        } finally {
            if (!keep) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C arrived: the hook is already tearing down
                }
            }
        }
        if (run.interrupted()) {
            out.flush();
            return ExitCode.INTERRUPTED;
        }
        try {
            new ConsoleRenderer(options.console.verbose, options.console.quiet, options.console.colour()).render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (keep) {
            out.println("--keep: everything is still running (load balancer " + safeUri(run) + "); Ctrl-C stops and removes it");
            out.flush();
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (report.environmentError() != null) {
            err.println("scalecheck: the run could not be carried out: " + InputFile.oneLine(report.environmentError()));
            err.flush();
            return ExitCode.ENVIRONMENT;
        }
        return report.passed() ? ExitCode.PASSED : ExitCode.CHECK_FAILED;
    }

    private static String safeUri(Run run) {
        return run.loadBalancer().map(Object::toString).orElse("not started");
    }
}
