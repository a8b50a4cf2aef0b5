package dev.scalecheck.cli;

import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.run.Run;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.Series;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.reports.ConsoleRenderer;
import dev.scalecheck.reports.SeriesReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        if (options.repeat > 1) {
            return series("repeat", List.of(spec), options, false, out, err);
        }
        Once once = once(spec, options, out, err, options.reports::write, options.reports.logDirectory().orElse(null));
        if (once.exit() != null) {
            return once.exit();
        }
        RunReport report = once.report();
        if (options.keep) {
            out.println("--keep: everything is still running (load balancer " + once.loadBalancer() + "); Ctrl-C stops and removes it");
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

    /** {@code scalecheck ramp}: one spec per replica count, each run {@code --repeat} times. */
    static int ramp(List<Spec> specs, RunOptions options, boolean keepGoing, PrintWriter out, PrintWriter err) {
        return series("ramp", specs, options, keepGoing, out, err);
    }

    /**
     * Whole runs one after another, each on a fresh deployment: {@code options.repeat} at each of
     * {@code specs}' replica counts, stopping after the first count that fails unless {@code keepGoing}.
     * The series reports replace the single-run ones; exit 0 only when every run passed.
     */
    private static int series(String kind, List<Spec> specs, RunOptions options, boolean keepGoing, PrintWriter out,
            PrintWriter err) {
        List<Series.Entry> entries = new ArrayList<>();
        List<Integer> planned = specs.stream().map(Spec::replicas).toList();
        Path logs = options.reports.logDirectory().orElse(null);
        boolean environment = false;
        for (Spec spec : specs) {
            boolean failed = false;
            for (int round = 1; round <= options.repeat; round++) {
                out.println();
                out.println("== " + spec.replicas() + " replicas" + (options.repeat > 1 ? ", run " + round + " of " + options.repeat : "")
                        + " ==");
                out.flush();
                Path where = logs == null ? null : logs.resolve("n" + spec.replicas() + (options.repeat > 1 ? "-r" + round : ""));
                Once once = once(spec, options, out, err, report -> { }, where);
                if (once.exit() != null) {
                    return once.exit();
                }
                entries.add(new Series.Entry(spec.replicas(), round, once.report()));
                failed |= !once.report().passed();
                environment |= once.report().environmentError() != null;
            }
            if (failed && !keepGoing && kind.equals("ramp")) {
                break;
            }
        }
        Series series = new Series(kind, planned, options.repeat, entries);
        SeriesReports.console(series, out);
        options.reports.write(series);
        if (series.passed()) {
            return ExitCode.PASSED;
        }
        boolean checksFailed = series.reports().stream().anyMatch(r -> r.environmentError() == null && !r.passed());
        return environment && !checksFailed ? ExitCode.ENVIRONMENT : ExitCode.CHECK_FAILED;
    }

    /** One run's outcome: its report, or the exit code that ends the command at once (interrupted, bad input). */
    private record Once(RunReport report, Integer exit, String loadBalancer) {}

    private static Once once(Spec spec, RunOptions options, PrintWriter out, PrintWriter err, Consumer<RunReport> reporter,
            Path logDirectory) {
        boolean keep = options.keep;
        Orchestrator orchestrator = Orchestrator.named(spec.orchestrator());
        Run run = new Run(spec, orchestrator, Clock.systemUTC(), new ConsoleProgress(out, options.console));
        if (logDirectory != null) {
            run.saveLogsTo(logDirectory);
        }
        Thread onInterrupt = new Thread(() -> {
            run.interrupt();
            run.awaitFinished(TEARDOWN_WAIT);
            run.teardown();
        }, "scalecheck-teardown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        RunReport report;
        try {
            report = run.execute(reporter, keep);
        } catch (IllegalArgumentException e) {
            err.println("scalecheck: " + e.getMessage());
            return new Once(null, ExitCode.BAD_INPUT, null);
        } catch (InterruptedException e) {
            run.teardown();
            Thread.currentThread().interrupt();
            return new Once(null, ExitCode.INTERRUPTED, null);
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
            return new Once(null, ExitCode.INTERRUPTED, null);
        }
        try {
            new ConsoleRenderer(options.console.verbose, options.console.quiet, options.console.colour()).render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Once(report, null, safeUri(run));
    }

    private static String safeUri(Run run) {
        return run.loadBalancer().map(Object::toString).orElse("not started");
    }
}
