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

    /**
     * A log line's message, quoted: a logging framework's prefix (timestamp, level, pid, thread,
     * logger, as Spring Boot and logback write them; or the demo's timestamp and replica) is left
     * out, so the part that says what happened fits.
     */
    static String quote(String line) {
        String text = LOG_PREFIX.matcher(line.strip()).replaceFirst("");
        return "'" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "'";
    }

    private static final java.util.regex.Pattern LOG_PREFIX = java.util.regex.Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d[T ][\\d:.,]+(Z|[+-]\\d\\d:?\\d\\d)?\\s+(?:(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+"
                    + "(?:.*?\\s:\\s)?|\\[[^\\]]+\\]\\s)");
}
