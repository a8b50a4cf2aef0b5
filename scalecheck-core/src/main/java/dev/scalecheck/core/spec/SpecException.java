package dev.scalecheck.core.spec;

/** A spec that cannot be used: the message names the file, the line and the key, and says what was expected. */
public final class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
