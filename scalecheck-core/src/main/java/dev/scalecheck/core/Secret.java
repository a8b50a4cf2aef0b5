package dev.scalecheck.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A password: it never prints itself, so it cannot leak into a log, a report or an exception. */
public final class Secret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** A fresh random password of 24 URL-safe characters. */
    public static Secret random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The clear text, for the one place that needs it (a JDBC property, a 0600 file). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
