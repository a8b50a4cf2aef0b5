package dev.scalecheck.demo;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How requests reach the database: through the pool, which replaces a connection the database
 * dropped (a restart), or with the no-reconnect fault through one connection opened at start-up,
 * never checked and never replaced, so that after a database restart every request fails.
 */
interface Connections {

    /** Work done on one connection. */
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    <T> T use(Work<T> work) throws SQLException;

    /** Connections in use now, for the readiness answer. */
    int active();

    /** Connections open and idle now, for the readiness answer. */
    int idle();

    static Connections pooled(HikariDataSource pool) {
        return new Pooled(pool);
    }

    /** The pool: a connection borrowed for each piece of work; Hikari validates and replaces them. */
    final class Pooled implements Connections {
        private final HikariDataSource pool;

        private Pooled(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public <T> T use(Work<T> work) throws SQLException {
            try (Connection connection = pool.getConnection()) {
                return work.apply(connection);
            }
        }

        @Override
        public int active() {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            return bean == null ? 0 : bean.getActiveConnections();
        }

        @Override
        public int idle() {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            return bean == null ? 0 : bean.getIdleConnections();
        }
    }

    /** The no-reconnect fault: one connection, set once, lent to one piece of work at a time, never reopened. */
    final class Single implements Connections {
        private volatile Connection connection;
        private volatile boolean inUse;

        /** Keeps {@code opened} for good; the first call wins. */
        synchronized void keep(Connection opened) {
            if (connection == null) {
                connection = opened;
            }
        }

        @Override
        public synchronized <T> T use(Work<T> work) throws SQLException {
            if (connection == null) {
                throw new SQLException("the one connection of fault no-reconnect is not open yet");
            }
            inUse = true;
            try {
                return work.apply(connection);
            } finally {
                inUse = false;
            }
        }

        @Override
        public int active() {
            return inUse ? 1 : 0;
        }

        @Override
        public int idle() {
            return connection != null && !inUse ? 1 : 0;
        }

        synchronized void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken; the process is ending
                }
            }
        }
    }
}
