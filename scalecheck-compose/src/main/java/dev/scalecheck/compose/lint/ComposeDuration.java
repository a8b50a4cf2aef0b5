package dev.scalecheck.compose.lint;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's duration strings: {@code 1m30s}, {@code 90s}, {@code 500ms}, {@code 1h}. */
public final class ComposeDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    private ComposeDuration() {
    }

    public static Duration parse(String text) {
        Matcher matcher = PART.matcher(text.trim());
        double millis = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("'" + text + "' is not a compose duration (e.g. 1m30s)");
            }
            double amount = Double.parseDouble(matcher.group(1));
            millis += switch (matcher.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1000;
                case "ms" -> amount;
                default -> 0;
            };
            end = matcher.end();
        }
        if (end == 0 || end != text.trim().length()) {
            throw new IllegalArgumentException("'" + text + "' is not a compose duration (e.g. 1m30s)");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    public static String format(Duration duration) {
        long seconds = (long) Math.ceil(duration.toMillis() / 1000.0);
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
