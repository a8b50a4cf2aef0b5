package dev.scalecheck.local.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Process groups on Linux: a child started through {@code setsid} leads a new session and
 * process group (its pid is the group id), so one signal reaches it and everything it forked,
 * a wrapper shell's real service included, also after the wrapper has exited.
 */
final class ProcessGroups {
    private static final Path SETSID = locate("setsid").orElse(null);
    private static final Path KILL = locate("kill").orElse(null);

    private ProcessGroups() {
    }

    /** {@code command} behind {@code setsid}, when this system has it; else unchanged. */
    static List<String> inOwnGroup(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether children started through {@link #inOwnGroup} lead their own group. */
    static boolean available() {
        return SETSID != null && KILL != null;
    }

    /** Sends {@code signal} ({@code TERM}, {@code KILL}) to every process of group {@code pgid}; false when none was left. */
    static boolean signal(long pgid, String signal) {
        if (KILL == null || pgid <= 1) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder(KILL.toString(), "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The live processes whose process group is {@code pgid}, from {@code /proc/<pid>/stat}. */
    static List<ProcessHandle> members(long pgid) {
        List<ProcessHandle> members = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            if (groupOf(process.pid()) == pgid && running(process)) {
                members.add(process);
            }
        });
        return members;
    }

    /**
     * Alive and not a zombie: a killed grandchild is reparented to PID 1 and stays a zombie until
     * that reaps it, which some container inits do only every second or two.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        } catch (RuntimeException e) {
            return process.isAlive();
        }
    }

    /** The process group of {@code pid}, or -1 when it cannot be read. */
    static long groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses: read after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A program on the PATH (or in /usr/bin, /bin). */
    static Optional<Path> locate(String program) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(List.of("/usr/bin", "/bin"));
        return directories.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
