package dev.scalecheck.local.process;

import dev.scalecheck.core.LogLine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One real child process whose stdout and stderr go to files in the working directory, followed
 * by a tail thread that stamps each line with the clock when it arrived (within one poll
 * interval, 10 ms). Files, not pipes: with pipes, the JDK's process reaper drains and closes the
 * pipe when the child exits, and lines written just before the exit were lost (seen here: 40 of
 * 500 lines in one run of LocalProcessTest). Stopped by its own pid: SIGTERM, then SIGKILL.
 */
public final class LocalProcess implements AutoCloseable {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration TAIL_POLL = Duration.ofMillis(10);

    private final String name;
    private final Process process;
    private final List<LogTail> tails;

    private LocalProcess(String name, Process process, List<LogTail> tails) {
        this.name = name;
        this.process = process;
        this.tails = tails;
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's own, in
     * {@code workingDirectory}; its output goes to {@code <name>.stdout.log} and
     * {@code <name>.stderr.log} in that directory.
     *
     * @param sink receives every line; called from the tail threads, so it must be thread-safe
     */
    public static LocalProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Clock clock, Consumer<LogLine> sink) {
        return start(name, command, environment, workingDirectory, workingDirectory, clock, sink);
    }

    /** As above, with the log files in {@code logDirectory} rather than the working directory. */
    public static LocalProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logDirectory, Clock clock, Consumer<LogLine> sink) {
        Path out = logDirectory.resolve(name + ".stdout.log");
        Path err = logDirectory.resolve(name + ".stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        List<LogTail> tails = List.of(
                LogTail.follow(out, line -> sink.accept(new LogLine(clock.instant(), name, LogLine.Stream.STDOUT, line)),
                        process, TAIL_POLL),
                LogTail.follow(err, line -> sink.accept(new LogLine(clock.instant(), name, LogLine.Stream.STDERR, line)),
                        process, TAIL_POLL));
        return new LocalProcess(name, process, tails);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The process and every descendant it has now (a wrapper shell's real service among them). */
    public List<Long> pids() {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for the process to end by itself, then for its last lines to reach the sink.
     *
     * @return the exit code, or empty when it still runs at the deadline
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            for (LogTail tail : tails) {
                tail.awaitEnd(KILL_WAIT);
            }
        }
        return exitCode();
    }

    /** Runs {@code action} once the process has ended (at once, on another thread, if it already has). */
    public void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /**
     * SIGTERM, wait up to {@code grace}, then SIGKILL (the process and any children it left);
     * returns once every line it wrote has reached the sink.
     *
     * @return the exit code, or empty if even SIGKILL did not end it within 5 s
     */
    public OptionalInt stop(Duration grace) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            for (LogTail tail : tails) {
                tail.awaitEnd(KILL_WAIT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return exitCode();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
