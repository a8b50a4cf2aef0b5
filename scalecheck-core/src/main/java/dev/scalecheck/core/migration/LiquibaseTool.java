package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Optional;

/**
 * Liquibase: {@code DATABASECHANGELOG} (one row per changeset, EXECTYPE FAILED when it failed,
 * DEPLOYMENT_ID per update run) and its lock, the row of {@code DATABASECHANGELOGLOCK}: a
 * table lock that outlives a killed holder, named by LOCKEDBY and LOCKGRANTED. It creates
 * DATABASECHANGELOG before taking that lock, so replicas starting together race to create it.
 */
public final class LiquibaseTool implements MigrationTool {
    static final String NAME = "liquibase";
    private static final String LOCK_TABLE = "DATABASECHANGELOGLOCK";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> historyTables() {
        return List.of("DATABASECHANGELOG");
    }

    @Override
    public List<MigrationRecord> history(SqlDatabase database, Dialect dialect, String table) {
        return dialect.rows(database, table, List.of("filename", "id", "author", "description", "exectype", "deployment_id"),
                        "orderexecuted").stream()
                .map(row -> new MigrationRecord(row.text("filename") + "::" + row.text("id") + "::" + row.text("author"),
                        row.text("description"), !"FAILED".equalsIgnoreCase(row.text("exectype")), row.text("deployment_id")))
                .toList();
    }

    @Override
    public Markers markers() {
        return Markers.preset(NAME);
    }

    @Override
    public String lockDescription() {
        return "the row of " + LOCK_TABLE;
    }

    @Override
    public Optional<String> lockTable() {
        return Optional.of(LOCK_TABLE);
    }

    @Override
    public List<HeldLock> tableLocks(SqlDatabase database, Dialect dialect, List<String> tables) {
        return LockTables.held(database, dialect, tables, LOCK_TABLE, List.of("id", "locked", "lockgranted", "lockedby"),
                row -> "LOCKEDBY '" + row.text("lockedby") + "', LOCKGRANTED " + row.text("lockgranted"));
    }
}
