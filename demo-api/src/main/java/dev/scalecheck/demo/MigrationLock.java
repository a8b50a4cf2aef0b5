package dev.scalecheck.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A MariaDB named lock ({@code GET_LOCK}) held on one dedicated connection: the lock lives exactly
 * as long as that session, so a crashed replica frees it, and a replica that never calls
 * {@link #release()} keeps it until its process exits.
 */
final class MigrationLock implements AutoCloseable {
    private final Connection connection;
    private final String name;

    MigrationLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The connection id of the session holding the lock, or null when it is free. */
    Long holder() throws SQLException {
        return holder(connection, name);
    }

    static Long holder(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long id = row.getLong(1);
                return row.wasNull() ? null : id;
            }
        }
    }

    /** Waits up to the timeout; false when another session kept the lock that long. */
    boolean acquire(Duration timeout) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            query.setString(1, name);
            query.setLong(2, Math.max(0, timeout.toSeconds()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                int result = row.getInt(1);
                if (row.wasNull()) {
                    throw new MigrationException("GET_LOCK('" + name + "') returned NULL (the server reported an error)");
                }
                return result == 1;
            }
        }
    }

    void release() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            query.setString(1, name);
            query.executeQuery().close();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
