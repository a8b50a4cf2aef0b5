package dev.scalecheck.local;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.orchestrator.RunOwner;
import dev.scalecheck.local.process.LocalProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What local runs left behind when their scalecheck process died without tearing down (kill -9,
 * a crash): run directories whose owner is gone, and the processes still running from them
 * (the database, by the directory in its command line; replicas and what they started, by the
 * directory in their environment). Directories of live runs, and those without an owner file,
 * are left alone.
 */
public final class LeftoverRuns {
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private LeftoverRuns() {
    }

    /** Removes the leftovers of dead runs under the system's temporary directory; one line per run removed. */
    public static List<String> removeDead() {
        return removeDead(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Removes the leftovers of dead runs under {@code parent}; one line per run removed. */
    static List<String> removeDead(Path parent) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(parent, RunDirectory.PREFIX + "*")) {
            for (Path run : runs) {
                Optional<RunOwner> owner = RunDirectory.owner(run);
                if (owner.isPresent() && !owner.get().alive() && Files.isDirectory(run)) {
                    removed.add(remove(run, owner.get()));
                }
            }
        } catch (IOException e) {
            removed.add("could not look for leftovers in " + parent + ": " + e.getMessage());
        }
        return removed;
    }

    /** Password files first, then the processes, then the directory. */
    private static String remove(Path run, RunOwner owner) {
        deletePasswordFiles(run);
        List<ProcessHandle> processes = processesOf(run);
        List<String> names = processes.stream().map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString())
                .orElse("?") + " " + p.pid()).toList();
        stop(processes);
        long left = processes.stream().filter(LocalProcess::running).count();
        TemporaryDirectories.deleteQuietly(run);
        String what = processes.isEmpty() ? "no process" : "stopped " + processes.size() + " process"
                + (processes.size() == 1 ? "" : "es") + " (" + String.join(", ", names) + ")";
        return "removed the leftovers of a run whose owner (" + owner + ") is gone: " + what
                + (left > 0 ? ", " + left + " still running" : "") + "; deleted " + run
                + (Files.exists(run) ? " (not entirely: some files could not be deleted)" : "");
    }

    static void deletePasswordFiles(Path run) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "*password*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the whole directory goes next
        }
    }

    /** Live processes that belong to {@code run}: its path in their command line, or as their run mark in their environment. */
    static List<ProcessHandle> processesOf(Path run) {
        String path = run.toString();
        byte[] mark = (RunDirectory.ENVIRONMENT_MARK + "=" + path + "\0").getBytes(StandardCharsets.UTF_8);
        Set<ProcessHandle> found = new LinkedHashSet<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            String command = p.info().commandLine().orElse("");
            if (command.contains(path + "/") || command.endsWith(path) || environmentHas(p.pid(), mark)) {
                found.add(p);
                p.descendants().forEach(found::add);
            }
        });
        return found.stream().filter(LocalProcess::running).toList();
    }

    private static boolean environmentHas(long pid, byte[] mark) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
            return indexOf(environ, mark) >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (i > 0 && data[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Stops whatever still runs from {@code run} (what a teardown could not know of: the database's installer when the
     * run was interrupted while it ran); the names and pids of what it stopped.
     */
    static List<String> stopStrays(Path run) {
        List<ProcessHandle> strays = processesOf(run);
        stop(strays);
        return strays.stream().map(p -> p.info().commandLine().orElse("?") + " (pid " + p.pid() + ")").toList();
    }

    /** SIGTERM to all, a short grace, SIGKILL to the rest. */
    private static void stop(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroy);
        if (!await(processes, GRACE)) {
            processes.stream().filter(LocalProcess::running).forEach(ProcessHandle::destroyForcibly);
            await(processes, KILL_WAIT);
        }
    }

    /** Polled: they are not our children, and the JDK checks on those only about once a second. */
    private static boolean await(List<ProcessHandle> processes, Duration timeout) {
        try {
            return Deadline.after(timeout, Clock.systemUTC()).poll(POLL, () ->
                    processes.stream().noneMatch(LocalProcess::running) ? Optional.of(true) : Optional.empty()).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
