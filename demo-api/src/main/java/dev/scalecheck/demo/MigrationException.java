package dev.scalecheck.demo;

/** A migration could not be applied or the lock could not be taken; start-up ends with FATAL. */
final class MigrationException extends RuntimeException {
    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
