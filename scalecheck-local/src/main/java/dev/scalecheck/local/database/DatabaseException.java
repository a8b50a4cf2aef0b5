package dev.scalecheck.local.database;

/** The embedded database could not start or be prepared: an environment problem. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
