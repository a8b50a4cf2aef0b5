package dev.scalecheck.local.process;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One real child process whose stdout and stderr go to files in the working directory, followed
 * by a tail thread that stamps each line with the clock when it arrived (within one poll
 * interval, 10 ms). A process started again under the same name appends to the same files, and
 * only its own lines are followed. A line longer than 4 KiB reaches the sink cut (the files keep
 * it whole), so one endless line cannot fill the memory. Files, not pipes: with pipes, the JDK's process reaper drains and closes the
 * pipe when the child exits, and lines written just before the exit were lost (seen here: 40 of
 * 500 lines in one run of LocalProcessTest).
 *
 * <p>Each process starts through {@code setsid}, so it leads its own process group (and a
 * terminal's Ctrl-C does not reach it directly). It is stopped as a group: SIGTERM to the group
 * and to every descendant it had, SIGKILL after a grace period to whatever is left, and then a
 * check that nothing of it is still alive.
 */
public final class LocalProcess implements AutoCloseable {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration TAIL_POLL = Duration.ofMillis(10);
    private static final Duration END_POLL = Duration.ofMillis(50);
    /** The longest line passed to a sink, in bytes; the rest of it is only in the log file. */
    public static final int MAX_LINE_BYTES = 4096;

    private final String name;
    private final Process process;
    private final List<LogTail> tails;
    private final boolean ownGroup;
    private volatile Instant endedAt;

    private LocalProcess(String name, Process process, List<LogTail> tails, boolean ownGroup) {
        this.name = name;
        this.process = process;
        this.tails = tails;
        this.ownGroup = ownGroup;
    }

    /** A process that was still alive after its teardown: its pid and command line. */
    public record Survivor(long pid, String command) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + command + ")";
        }
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's own, in
     * {@code workingDirectory}; its output goes to {@code <name>.stdout.log} and
     * {@code <name>.stderr.log} in that directory, after whatever they already hold.
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
        String program = command.get(0);
        boolean found = program.contains("/") ? Files.isExecutable(workingDirectory.resolve(program))
                : ProcessGroups.locate(program).isPresent();
        if (!found) {
            // setsid would start and then fail to execute it: say so here, as starting it directly did
            throw new UncheckedIOException("cannot start " + name + " (" + program + "): no such executable file",
                    new IOException(program));
        }
        boolean ownGroup = ProcessGroups.available();
        long outFrom = sizeOf(out);
        long errFrom = sizeOf(err);
        ProcessBuilder builder = new ProcessBuilder(ownGroup ? ProcessGroups.inOwnGroup(command) : command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        List<LogTail> tails = List.of(
                LogTail.follow(out, outFrom, MAX_LINE_BYTES,
                        line -> sink.accept(new LogLine(clock.instant(), name, LogLine.Stream.STDOUT, line)), process, TAIL_POLL),
                LogTail.follow(err, errFrom, MAX_LINE_BYTES,
                        line -> sink.accept(new LogLine(clock.instant(), name, LogLine.Stream.STDERR, line)), process, TAIL_POLL));
        LocalProcess started = new LocalProcess(name, process, tails, ownGroup);
        process.onExit().thenRun(() -> started.endedAt = clock.instant());
        return started;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
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

    /** When the process ended (by the clock it was started with), once it has. */
    public Optional<Instant> endedAt() {
        return process.isAlive() ? Optional.empty() : Optional.ofNullable(endedAt);
    }

    /** The exit code, once the process has ended; 128 + the signal's number when a signal ended it. */
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

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Stops this process and everything it started, as {@link #stopAll} does.
     *
     * @return the exit code, or empty if even SIGKILL did not end it within 5 s
     */
    public OptionalInt stop(Duration grace) {
        stopAll(List.of(this), grace);
        return exitCode();
    }

    /**
     * Stops all of {@code processes} at once: SIGTERM to each one's process group and to every
     * descendant it has now, one shared wait of up to {@code grace}, then SIGKILL to whatever of
     * them is left, and a wait of up to 5 s for that. Returns once every line they wrote has
     * reached its sink, within about {@code grace} + 10 s in all.
     *
     * @return the processes of theirs still alive at the end (none, unless even SIGKILL failed)
     */
    public static List<Survivor> stopAll(Collection<LocalProcess> processes, Duration grace) {
        return end(processes, Optional.of(grace));
    }

    /**
     * Ends all of {@code processes} at once without warning, as a crash does: SIGKILL to each
     * one's process group and every descendant, then as {@link #stopAll} after its grace.
     *
     * @return the processes of theirs still alive at the end (none, unless even SIGKILL failed)
     */
    public static List<Survivor> killAll(Collection<LocalProcess> processes) {
        return end(processes, Optional.empty());
    }

    /** SIGTERM and the grace when there is one, then SIGKILL to what is left. */
    private static List<Survivor> end(Collection<LocalProcess> processes, Optional<Duration> grace) {
        boolean interrupted = Thread.interrupted();
        Map<LocalProcess, Set<ProcessHandle>> trees = new LinkedHashMap<>();
        for (LocalProcess each : processes) {
            trees.put(each, each.tree());
        }
        if (grace.isPresent()) {
            trees.forEach((each, tree) -> each.signal(tree, false));
            interrupted |= awaitEnd(trees, grace.get());
        }
        trees.forEach((each, tree) -> {
            if (tree.stream().anyMatch(ProcessGroups::running) || each.groupAlive()) {
                each.signal(tree, true);
            }
        });
        interrupted |= awaitEnd(trees, KILL_WAIT);
        List<Survivor> survivors = new ArrayList<>();
        trees.forEach((each, tree) -> {
            Set<ProcessHandle> left = new LinkedHashSet<>(tree);
            if (each.ownGroup) {
                left.addAll(ProcessGroups.members(each.pid()));
            }
            left.stream().filter(ProcessGroups::running).forEach(p ->
                    survivors.add(new Survivor(p.pid(), p.info().commandLine().orElse("?"))));
        });
        for (LocalProcess each : trees.keySet()) {
            for (LogTail tail : each.tails) {
                try {
                    tail.awaitEnd(KILL_WAIT);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return survivors;
    }

    /** Whether {@code process} still runs: alive and not a zombie waiting to be reaped. */
    public static boolean running(ProcessHandle process) {
        return ProcessGroups.running(process);
    }

    /** The process and its descendants now, and the other members of its group (a daemon it forked). */
    private Set<ProcessHandle> tree() {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        if (ownGroup && process.isAlive()) {
            tree.addAll(ProcessGroups.members(process.pid()));
        }
        return tree;
    }

    private boolean groupAlive() {
        return ownGroup && !ProcessGroups.members(process.pid()).isEmpty();
    }

    private void signal(Set<ProcessHandle> tree, boolean kill) {
        if (ownGroup) {
            ProcessGroups.signal(process.pid(), kill ? "KILL" : "TERM");
        }
        for (ProcessHandle each : tree) {
            if (kill) {
                each.destroyForcibly();
            } else {
                each.destroy();
            }
        }
    }

    /**
     * Waits, up to {@code timeout} in all, for every process of every tree and group to end.
     *
     * @return whether the wait was interrupted (it then goes on: a teardown is not cut short)
     */
    private static boolean awaitEnd(Map<LocalProcess, Set<ProcessHandle>> trees, Duration timeout) {
        // polled: onExit of a process that is not our child is checked only about once a second by the JDK
        Deadline deadline = Deadline.after(timeout, Clock.systemUTC());
        try {
            deadline.poll(END_POLL, () -> {
                for (Map.Entry<LocalProcess, Set<ProcessHandle>> tree : trees.entrySet()) {
                    if (tree.getValue().stream().anyMatch(ProcessGroups::running) || tree.getKey().groupAlive()) {
                        return Optional.empty();
                    }
                }
                return Optional.of(true);
            });
            return false;
        } catch (InterruptedException e) {
            awaitEnd(trees, deadline.remaining());
            return true;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
