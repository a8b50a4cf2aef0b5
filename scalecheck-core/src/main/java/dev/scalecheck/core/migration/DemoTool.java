package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;

/**
 * The reference service: Flyway under its own named lock, or (fault {@code no-lock}) a plain
 * runner recording {@code schema_version}; its own log markers.
 */
public final class DemoTool implements MigrationTool {
    static final String NAME = "demo";
    private final FlywayTool flyway = new FlywayTool();
    private final SchemaVersionTool plain = new SchemaVersionTool();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> historyTables() {
        return List.of("flyway_schema_history", "schema_version");
    }

    @Override
    public List<MigrationRecord> history(SqlDatabase database, Dialect dialect, String table) {
        return flyway.historyTableIn(List.of(table)).isPresent() ? flyway.history(database, dialect, table)
                : plain.history(database, dialect, table);
    }

    @Override
    public Markers markers() {
        return Markers.preset(NAME);
    }

    @Override
    public String lockDescription() {
        return "its named lock around the whole run";
    }
}
