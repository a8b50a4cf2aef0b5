package dev.scalecheck.core;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One line a replica wrote, stamped when it arrived (the local orchestrator) or by the
 * container runtime (compose {@code logs --timestamps}).
 *
 * @param replica the replica's name, e.g. {@code api-2}
 */
public record LogLine(Instant at, String replica, Stream stream, String text) {
    /** ANSI escape sequences (colours, cursor moves): Spring Boot and logback write them even into files. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");

    public enum Stream { STDOUT, STDERR }

    /** The same line without ANSI escape sequences, so markers match and reports print plain text. */
    public LogLine plain() {
        String stripped = stripAnsi(text);
        return stripped.equals(text) ? this : new LogLine(at, replica, stream, stripped);
    }

    public static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }
}
