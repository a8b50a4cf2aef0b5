package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Map;
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
        return database.query("SELECT FILENAME AS f, ID AS i, AUTHOR AS a, DESCRIPTION AS d, EXECTYPE AS e, DEPLOYMENT_ID AS r FROM "
                + dialect.quote(table) + " ORDER BY ORDEREXECUTED").stream()
                .map(row -> new MigrationRecord(row.get("f") + "::" + row.get("i") + "::" + row.get("a"), row.get("d"),
                        !"FAILED".equalsIgnoreCase(row.get("e")), row.get("r")))
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
        String table = tables.stream().filter(t -> t.equalsIgnoreCase(LOCK_TABLE)).findFirst().orElse(null);
        if (table == null) {
            return List.of();
        }
        return database.query("SELECT ID AS i, LOCKED AS l, LOCKGRANTED AS g, LOCKEDBY AS b FROM " + dialect.quote(table)).stream()
                .filter(row -> Rows.truthy(row.get("l")))
                .map(LiquibaseTool::held)
                .toList();
    }

    private static HeldLock held(Map<String, String> row) {
        return new HeldLock("table lock", LOCK_TABLE, null, null,
                "LOCKED = 1, LOCKEDBY '" + row.get("b") + "', LOCKGRANTED " + row.get("g"));
    }
}
