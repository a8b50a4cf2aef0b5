package dev.scalecheck.demo;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the readiness answer: 200 only when SELECT 1 works and start-up migrations are done. */
final class Readiness {

    record Answer(boolean ready, Map<String, Object> body) {}

    private final String replicaId;
    private final int poolMax;
    private final MigrationStatus status;
    private final Supplier<HikariDataSource> pool;
    private final DatabaseKind kind;

    Readiness(String replicaId, int poolMax, MigrationStatus status, Supplier<HikariDataSource> pool, DatabaseKind kind) {
        this.kind = kind;
        this.replicaId = replicaId;
        this.poolMax = poolMax;
        this.status = status;
        this.pool = pool;
    }

    Answer check() {
        MigrationStatus.Snapshot migration = status.snapshot();
        HikariDataSource dataSource = pool.get();
        Map<String, Object> database = new LinkedHashMap<>();
        Long lockHolder = null;
        boolean databaseUp = false;
        if (dataSource == null) {
            database.put("status", "down");
            database.put("error", "pool not created yet");
        } else {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                statement.executeQuery("SELECT 1").close();
                lockHolder = MigrationLock.holder(connection, kind, Config.LOCK_NAME);
                databaseUp = true;
                database.put("status", "up");
            } catch (SQLException e) {
                database.put("status", "down");
                database.put("error", e.getMessage());
            }
        }
        String reason = reason(databaseUp, migration);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reason == null ? "ready" : "not_ready");
        if (reason != null) {
            body.put("reason", reason);
        }
        body.put("replica", replicaId);
        body.put("phase", migration.phase().name().toLowerCase(Locale.ROOT));
        body.put("database", database);
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
        body.put("pool", poolFigures(dataSource));
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

    private Map<String, Object> poolFigures(HikariDataSource dataSource) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("max", poolMax);
        HikariPoolMXBean bean = dataSource == null ? null : dataSource.getHikariPoolMXBean();
        figures.put("active", bean == null ? 0 : bean.getActiveConnections());
        figures.put("idle", bean == null ? 0 : bean.getIdleConnections());
        return figures;
    }
}
