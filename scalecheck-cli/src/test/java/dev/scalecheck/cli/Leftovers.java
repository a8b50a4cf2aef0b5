package dev.scalecheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a run may leave behind: processes of its temporary directory, and listening TCP ports. */
final class Leftovers {
    private Leftovers() {
    }

    /** Command lines of live processes started for a scalecheck run (replicas, the embedded database). */
    static List<String> runProcesses() {
        return processes("scalecheck-run-");
    }

    private static final java.util.regex.Pattern RUN_DIRECTORY = java.util.regex.Pattern.compile("(/[^ ]*?/scalecheck-run-[0-9]+)");

    /**
     * Run processes that no live run owns any more: those of another run still going (its run
     * directory's owner file names a live process other than this JVM, such as a benchmark beside
     * the tests) are not leftovers. A process whose directory is gone, or owned by this JVM or by a
     * dead process, is.
     */
    static List<String> leftoverRunProcesses() {
        long self = ProcessHandle.current().pid();
        return runProcesses().stream().filter(command -> {
            java.util.regex.Matcher directory = RUN_DIRECTORY.matcher(command);
            if (!directory.find()) {
                return true;
            }
            try {
                String owner = java.nio.file.Files.readString(java.nio.file.Path.of(directory.group(1), "owner"));
                java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(owner);
                if (!pid.find()) {
                    return true;
                }
                long owning = Long.parseLong(pid.group(1));
                return owning == self || ProcessHandle.of(owning).map(p -> !p.isAlive()).orElse(true);
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }).toList();
    }

    /** The run processes this JVM started (an in-process command): other runs on the machine do not count. */
    static List<String> runProcessesStartedHere() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("scalecheck-run-"))
                .toList();
    }

    /** Command lines of live processes that contain {@code text}. */
    static List<String> processes(String text) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains(text))
                .toList();
    }

    /** The TCP ports in LISTEN state on this machine, from /proc/net/tcp and tcp6. */
    static Set<Integer> listeningPorts() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals("0A")) {
                    String local = fields[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
