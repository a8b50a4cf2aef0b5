package dev.scalecheck.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One stdout line per start-up step: a UTC timestamp, the replica, and a stable marker text
 * that scalecheck's {@code demo} marker preset matches. Change a marker and the preset with it.
 */
final class StartupLog {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final String replicaId;

    StartupLog(PrintStream out, Clock clock, String replicaId) {
        this.out = out;
        this.clock = clock;
        this.replicaId = replicaId;
    }

    void info(String message) {
        line(message);
    }

    void fatal(String message) {
        line("FATAL: " + message);
    }

    private void line(String message) {
        String stamp = STAMP.format(clock.instant());
        synchronized (out) {
            out.println(stamp + " [" + replicaId + "] " + message);
            out.flush();
        }
    }
}
