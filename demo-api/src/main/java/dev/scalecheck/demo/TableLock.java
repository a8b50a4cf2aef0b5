package dev.scalecheck.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The stale-lock fault's migration lock: a row in a table, as Liquibase keeps
 * DATABASECHANGELOGLOCK. Taken by an UPDATE that finds the row unlocked, polled every 250 ms,
 * given back by another UPDATE. Nothing ties it to a session, so a holder that is killed
 * leaves it set and every replica after it waits until it gives up.
 */
final class TableLock implements MigrationLock {
    static final String TABLE = "demo_migration_lock";
    static final Duration POLL = Duration.ofMillis(250);

    private final DataSource dataSource;
    private final String owner;
    private final Clock clock;

    private TableLock(DataSource dataSource, String owner, Clock clock) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * Creates the table and its one row when they are missing; replicas starting together may
     * all try (the row is inserted ignoring a duplicate, and PostgreSQL's race on CREATE TABLE IF
     * NOT EXISTS is tolerated when the table is there afterwards).
     *
     * @param owner what locked_by says while this replica holds it
     */
    static TableLock open(DataSource dataSource, DatabaseKind kind, String owner, Clock clock) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT NOT NULL PRIMARY KEY, "
                        + "locked BOOLEAN NOT NULL, locked_by VARCHAR(255), locked_at TIMESTAMP NULL)");
            } catch (SQLException e) {
                if (!exists(statement)) {
                    throw e;
                }
            }
            statement.execute(kind == DatabaseKind.POSTGRES
                    ? "INSERT INTO " + TABLE + " (id, locked) VALUES (1, FALSE) ON CONFLICT (id) DO NOTHING"
                    : "INSERT IGNORE INTO " + TABLE + " (id, locked) VALUES (1, FALSE)");
        }
        return new TableLock(dataSource, owner, clock);
    }

    private static boolean exists(Statement statement) {
        try {
            statement.executeQuery("SELECT 1 FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException missing) {
            return false;
        }
    }

    @Override
    public String name() {
        return TABLE;
    }

    /** "locked by 'api-1 (host, pid 42)' since 2026-11-29T08:00:00Z", or null when the row is unlocked. */
    @Override
    public String holder() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT locked, locked_by, locked_at FROM " + TABLE + " WHERE id = 1")) {
            if (!row.next() || !row.getBoolean(1)) {
                return null;
            }
            Timestamp at = row.getTimestamp(3);
            return "locked by '" + row.getString(2) + "' since " + (at == null ? "an unknown time" : at.toInstant());
        }
    }

    @Override
    public boolean acquire(Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (!tryAcquire()) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    private boolean tryAcquire() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                        + " SET locked = TRUE, locked_by = ?, locked_at = CURRENT_TIMESTAMP WHERE id = 1 AND locked = FALSE")) {
            update.setString(1, owner);
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public void release() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                        + " SET locked = FALSE, locked_by = NULL, locked_at = NULL WHERE id = 1 AND locked_by = ?")) {
            update.setString(1, owner);
            update.executeUpdate();
        }
    }

    @Override
    public String stuckHint() {
        return "a replica killed while holding it leaves the row set (fault stale-lock); once no replica is migrating, "
                + "clear it with UPDATE " + TABLE + " SET locked = FALSE WHERE id = 1";
    }

    /** Nothing to close: the lock lives in the table, not in a session. */
    @Override
    public void close() {
    }
}
