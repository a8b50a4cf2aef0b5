package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Optional;

/**
 * The reference service: Flyway under its own named lock, or (fault {@code no-lock}) a plain
 * runner recording {@code schema_version}, or (fault {@code stale-lock}) Flyway under the row
 * of {@code demo_migration_lock}, a table lock that outlives a killed holder as Liquibase's
 * does, named by locked_by and locked_at; its own log markers.
 */
public final class DemoTool implements MigrationTool {
    static final String NAME = "demo";
    private static final String LOCK_TABLE = "demo_migration_lock";
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
        return "its named lock around the whole run (fault stale-lock: the row of " + LOCK_TABLE + ")";
    }

    @Override
    public Optional<String> lockTable() {
        return Optional.of(LOCK_TABLE);
    }

    @Override
    public List<HeldLock> tableLocks(SqlDatabase database, Dialect dialect, List<String> tables) {
        return LockTables.held(database, dialect, tables, LOCK_TABLE, List.of("id", "locked", "locked_by", "locked_at"),
                row -> "LOCKED by '" + row.text("locked_by") + "' since " + row.text("locked_at"));
    }
}
