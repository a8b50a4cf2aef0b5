package dev.scalecheck.demo;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock start-up migrations run under: a session lock ({@link SessionLock}, the normal one)
 * or, with the stale-lock fault, a row in a table ({@link TableLock}).
 */
interface MigrationLock extends AutoCloseable {

    /** The name log lines give it. */
    String name();

    /** Who holds it now, in words for a log line ("held by connection 12"), or null when it is free. */
    String holder() throws SQLException;

    /** Waits up to the timeout; false when another replica kept the lock that long. */
    boolean acquire(Duration timeout) throws SQLException, InterruptedException;

    void release() throws SQLException;

    /** What to suspect or do when the wait for it timed out. */
    String stuckHint();

    @Override
    void close() throws SQLException;
}
