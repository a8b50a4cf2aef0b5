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
