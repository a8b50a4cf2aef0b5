package dev.scalecheck.local.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which local process owns a TCP connection, read from Linux's {@code /proc}: the socket's inode
 * by its local port ({@code /proc/net/tcp}, {@code tcp6}), then the process whose open files
 * include that socket ({@code /proc/<pid>/fd}). How a database session (seen by its client port)
 * is traced to the replica that opened it, with no cooperation from the service.
 */
public final class SocketOwners {
    private static final Path PROC = Path.of("/proc");

    private SocketOwners() {
    }

    /** Socket inodes by local port, for every TCP socket on this machine. */
    public static Map<Integer, Long> inodesByLocalPort() {
        Map<Integer, Long> inodes = new HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve("net").resolve(table))) {
                    parse(line, inodes);
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6), or not Linux: nothing to trace from it
            }
        }
        return inodes;
    }

    /** One row of /proc/net/tcp: "sl local_address rem_address st ... uid timeout inode". */
    static void parse(String line, Map<Integer, Long> inodes) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 10 || !fields[1].contains(":") || fields[0].equals("sl")) {
            return;
        }
        int port = Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16);
        long inode = Long.parseLong(fields[9]);
        if (inode != 0) {
            inodes.put(port, inode);
        }
    }

    /** The socket inodes the process has open (empty when it has ended or cannot be read). */
    public static Set<Long> socketsOf(long pid) {
        Set<Long> sockets = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(String.valueOf(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // the descriptor closed while we looked
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return sockets;
    }
}
