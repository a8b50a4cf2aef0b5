package dev.scalecheck.compose;

import dev.scalecheck.core.LogLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * {@code docker compose logs --timestamps --no-color} read as it streams, one line at a time:
 * memory stays the same whatever the size of the log; each line goes to a sink (the bounded
 * store of the lines the checks judge). Lines look like {@code api-1  | 2026-11-27T18:54:23.894126023Z text},
 * possibly after an erase-line escape; anything else (compose's own notices) is skipped.
 */
public final class ComposeLogStream {
    private static final String ERASE_LINE = "\u001b[2K";

    private ComposeLogStream() {
    }

    /** Every timestamped line of {@code output} to {@code sink}, in the order they come; returns how many. */
    public static long parse(InputStream output, Consumer<LogLine> sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8), 1 << 16);
        long count = 0;
        for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
            LogLine line = line(raw);
            if (line != null) {
                sink.accept(line);
                count++;
            }
        }
        return count;
    }

    /**
     * Docker's timestamp: {@code 2026-11-27T18:54:23.894126023Z} read digit by digit (the common
     * case, without the garbage of a parser), anything else by {@link Instant#parse}.
     */
    static Instant instant(String raw, int from, int to) {
        int length = to - from;
        if (length >= 20 && length <= 30 && raw.charAt(from + 4) == '-' && raw.charAt(from + 7) == '-' && raw.charAt(from + 10) == 'T'
                && raw.charAt(from + 13) == ':' && raw.charAt(from + 16) == ':') {
            int year = digits(raw, from, 4);
            int month = digits(raw, from + 5, 2);
            int day = digits(raw, from + 8, 2);
            int hour = digits(raw, from + 11, 2);
            int minute = digits(raw, from + 14, 2);
            int second = digits(raw, from + 17, 2);
            int nanos = 0;
            boolean plain = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour < 24 && minute >= 0
                    && minute < 60 && second >= 0 && second < 60;
            if (plain && length > 20) {
                int fraction = length - 21;
                plain = raw.charAt(from + 19) == '.' && fraction >= 1 && fraction <= 9;
                if (plain) {
                    nanos = digits(raw, from + 20, fraction);
                    plain = nanos >= 0;
                    for (int i = fraction; i < 9 && plain; i++) {
                        nanos *= 10;
                    }
                }
            }
            if (plain) {
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        try {
            return Instant.parse(raw.substring(from, to));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code count} decimal digits at {@code from} as a number, or -1 when one is not a digit. */
    private static int digits(String raw, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** One line, or null when it is not a replica's timestamped line; the same answers as the pattern it replaces. */
    static LogLine line(String raw) {
        int start = raw.startsWith(ERASE_LINE) ? ERASE_LINE.length() : 0;
        int bar = raw.indexOf("| ", start);
        if (bar < 0) {
            return null;
        }
        int nameEnd = bar;
        while (nameEnd > start && raw.charAt(nameEnd - 1) == ' ' || nameEnd > start && Character.isWhitespace(raw.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        if (nameEnd == start) {
            return null;
        }
        for (int i = start; i < nameEnd; i++) {
            if (Character.isWhitespace(raw.charAt(i))) {
                return null;
            }
        }
        int stampStart = bar + 2;
        int stampEnd = raw.indexOf(' ', stampStart);
        if (stampEnd < 0) {
            stampEnd = raw.length();
        }
        if (stampEnd == stampStart || raw.charAt(stampEnd - 1) != 'Z') {
            return null;
        }
        Instant at = instant(raw, stampStart, stampEnd);
        if (at == null) {
            return null;
        }
        String text = stampEnd < raw.length() ? raw.substring(stampEnd + 1) : "";
        return new LogLine(at, raw.substring(start, nameEnd), LogLine.Stream.STDOUT, text);
    }
}
