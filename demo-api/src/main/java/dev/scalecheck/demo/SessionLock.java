package dev.scalecheck.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A named lock held on one dedicated connection: MariaDB's {@code GET_LOCK}, or on PostgreSQL a
 * session advisory lock on {@code hashtext(name)}. Either lives exactly as long as that session,
 * so a crashed replica frees it, and a replica that never calls {@link #release()} keeps it
 * until its process exits.
 */
final class SessionLock implements MigrationLock {
    /** PostgreSQL's SQLSTATE for a lock wait that ran past lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String PG_HOLDER = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND (classid::bigint << 32 | objid::bigint) = hashtext(?)::bigint";

    private final Connection connection;
    private final DatabaseKind kind;
    private final String name;

    SessionLock(Connection connection, DatabaseKind kind, String name) {
        this.connection = connection;
        this.kind = kind;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** "held by connection N": the connection id (PostgreSQL: backend pid) of the session holding it; null when it is free. */
    @Override
    public String holder() throws SQLException {
        Long id = holder(connection, kind, name);
        return id == null ? null : "held by connection " + id;
    }

    @Override
    public String stuckHint() {
        return "is another replica stuck holding it?";
    }

    /** The session holding the lock {@code name}, asked on any connection, or null when it is free. */
    static Long holder(Connection connection, DatabaseKind kind, String name) throws SQLException {
        String sql = kind == DatabaseKind.POSTGRES ? PG_HOLDER : "SELECT IS_USED_LOCK(?)";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long id = row.getLong(1);
                return row.wasNull() ? null : id;
            }
        }
    }

    /** Waits up to the timeout; false when another session kept the lock that long. */
    @Override
    public boolean acquire(Duration timeout) throws SQLException {
        return kind == DatabaseKind.POSTGRES ? acquireAdvisory(timeout) : acquireNamed(timeout);
    }

    private boolean acquireNamed(Duration timeout) throws SQLException {
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

    /** pg_advisory_lock waits without end; lock_timeout bounds the wait for this one statement. */
    private boolean acquireAdvisory(Duration timeout) throws SQLException {
        setLockTimeout(Math.max(1, timeout.toMillis()) + "ms");
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            query.setString(1, name);
            query.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            setLockTimeout("0");
        }
    }

    private void setLockTimeout(String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
            set.setString(1, value);
            set.executeQuery().close();
        }
    }

    @Override
    public void release() throws SQLException {
        String sql = kind == DatabaseKind.POSTGRES ? "SELECT pg_advisory_unlock(hashtext(?))" : "SELECT RELEASE_LOCK(?)";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            query.executeQuery().close();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
