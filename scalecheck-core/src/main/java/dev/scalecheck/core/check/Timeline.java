package dev.scalecheck.core.check;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.spec.Markers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a replica's log through the spec's markers. */
final class Timeline {
    private Timeline() {
    }

    static Optional<LogLine> first(Evidence evidence, String replica, Markers.Kind kind) {
        Markers markers = evidence.spec().markers();
        return evidence.logsOf(replica).stream().filter(line -> markers.matches(kind, line.text())).findFirst();
    }

    static List<LogLine> all(Evidence evidence, String replica, Markers.Kind kind) {
        Markers markers = evidence.spec().markers();
        return evidence.logsOf(replica).stream().filter(line -> markers.matches(kind, line.text())).toList();
    }

    static boolean has(Evidence evidence, String replica, Markers.Kind kind) {
        return first(evidence, replica, kind).isPresent();
    }

    static CheckResult databaseUnavailable(String id, DatabaseState db) {
        return CheckResult.error(id, "the database could not be asked: " + db.error());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String between(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    static String names(List<String> replicas) {
        return replicas.stream().collect(Collectors.joining(", "));
    }

    static String quote(String line) {
        String text = line.strip();
        return "'" + (text.length() > 160 ? text.substring(0, 160) + "..." : text) + "'";
    }
}
