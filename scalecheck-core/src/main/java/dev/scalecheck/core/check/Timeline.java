package dev.scalecheck.core.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the checks word times, names and quoted log lines, so every message reads alike. */
final class Timeline {
    private Timeline() {
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
