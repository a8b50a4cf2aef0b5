package dev.scalecheck.demo;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the readiness answer: 200 only when SELECT 1 works (over the connections requests use)
 * and start-up migrations are done, and never once the replica is shutting down.
 */
final class Readiness {

    record Answer(boolean ready, Map<String, Object> body) {}

    private final String replicaId;
    private final int poolMax;
    private final MigrationStatus status;
    private final Supplier<Connections> connections;
    private final DatabaseKind kind;

    /** @param connections the connections requests use; null until the pool exists */
    Readiness(String replicaId, int poolMax, MigrationStatus status, Supplier<Connections> connections, DatabaseKind kind) {
        this.kind = kind;
        this.replicaId = replicaId;
        this.poolMax = poolMax;
        this.status = status;
        this.connections = connections;
    }

    /** @param shuttingDown the replica is draining: not ready, whatever else holds */
    Answer check(boolean shuttingDown) {
        MigrationStatus.Snapshot migration = status.snapshot();
        Connections database = connections.get();
        Map<String, Object> databaseState = new LinkedHashMap<>();
        Long lockHolder = null;
        boolean databaseUp = false;
        if (database == null) {
            databaseState.put("status", "down");
            databaseState.put("error", "pool not created yet");
        } else {
            try {
                lockHolder = database.use(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.setQueryTimeout(2);
                        statement.executeQuery("SELECT 1").close();
                    }
                    return SessionLock.holder(connection, kind, Config.LOCK_NAME);
                });
                databaseUp = true;
                databaseState.put("status", "up");
            } catch (SQLException e) {
                databaseState.put("status", "down");
                databaseState.put("error", e.getMessage());
            }
        }
        String reason = shuttingDown ? "shutting_down" : reason(databaseUp, migration);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reason == null ? "ready" : "not_ready");
        if (reason != null) {
            body.put("reason", reason);
        }
        body.put("replica", replicaId);
        body.put("phase", migration.phase().name().toLowerCase(Locale.ROOT));
        body.put("database", databaseState);
        Map<String, Object> migrations = new LinkedHashMap<>();
        migrations.put("pending", migration.pending());
        migrations.put("applied", migration.applied());
        migrations.put("fast_path", migration.fastPath());
        migrations.put("lock_acquired", migration.lockAcquired());
        migrations.put("lock_holder", lockHolder);
        if (migration.error() != null) {
            migrations.put("error", migration.error());
        }
        body.put("migrations", migrations);
        body.put("pool", poolFigures(database));
        return new Answer(reason == null, body);
    }

    private static String reason(boolean databaseUp, MigrationStatus.Snapshot migration) {
        if (migration.phase() == MigrationStatus.Phase.FAILED) {
            return "migration_error";
        }
        if (!databaseUp) {
            return "database_unavailable";
        }
        if (migration.phase() != MigrationStatus.Phase.READY) {
            return "migrations_pending";
        }
        return null;
    }

    private Map<String, Object> poolFigures(Connections database) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("max", poolMax);
        figures.put("active", database == null ? 0 : database.active());
        figures.put("idle", database == null ? 0 : database.idle());
        return figures;
    }
}
