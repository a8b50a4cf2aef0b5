package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;

/**
 * Flyway: {@code flyway_schema_history}, one row per versioned migration with {@code success}.
 * On the MySQL family it takes {@code GET_LOCK('Flyway-<n>')} around each migration, not the
 * whole run, so several replicas may each apply different migrations, and correctly so; on
 * PostgreSQL an advisory lock, transaction-scoped by default.
 */
public final class FlywayTool implements MigrationTool {
    static final String NAME = "flyway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> historyTables() {
        return List.of("flyway_schema_history");
    }

    @Override
    public List<MigrationRecord> history(SqlDatabase database, Dialect dialect, String table) {
        return dialect.rows(database, table, List.of("version", "description", "success"), "installed_rank").stream()
                .filter(row -> row.text("version") != null)
                .map(row -> new MigrationRecord(row.text("version"), row.text("description"), row.flag("success", true), null))
                .toList();
    }

    @Override
    public Markers markers() {
        return Markers.preset(NAME);
    }

    @Override
    public String lockDescription() {
        return "a lock around each migration (GET_LOCK('Flyway-<n>'); on PostgreSQL a transaction-scoped advisory lock)";
    }
}
