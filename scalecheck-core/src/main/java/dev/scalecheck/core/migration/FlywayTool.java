package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;

/**
 * Flyway: {@code flyway_schema_history}, one row per versioned migration with {@code success}.
 * On the MySQL family it takes {@code GET_LOCK('Flyway-<n>')} around each migration, not the
 * whole run, so several replicas may each apply different migrations, and correctly so.
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
        return database.query("SELECT version AS k, description AS d, success AS s FROM " + dialect.quote(table)
                + " WHERE version IS NOT NULL ORDER BY installed_rank").stream()
                .map(row -> new MigrationRecord(row.get("k"), row.get("d"), Rows.truthy(row.get("s")), null))
                .toList();
    }

    @Override
    public Markers markers() {
        return Markers.preset(NAME);
    }

    @Override
    public String lockDescription() {
        return "a user-level lock ('Flyway-<n>') around each migration";
    }
}
