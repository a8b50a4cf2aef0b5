package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;

/**
 * A plain history table ({@code schema_version} by default, or {@code database.migrationTable}),
 * as hand-written runners and old Flyway keep it. Its columns are read from the table itself:
 * the key is the first of {@code version}, {@code filename}, {@code name}, {@code id}; a
 * {@code success} column, when there is one, says whether it succeeded.
 */
public final class SchemaVersionTool implements MigrationTool {
    static final String NAME = "schema_version";
    private static final List<String> KEYS = List.of("version", "filename", "name", "id");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> historyTables() {
        return List.of("schema_version");
    }

    @Override
    public List<MigrationRecord> history(SqlDatabase database, Dialect dialect, String table) {
        List<String> columns = dialect.columns(database, table);
        String key = KEYS.stream().filter(k -> columns.stream().anyMatch(k::equalsIgnoreCase)).findFirst()
                .orElseThrow(() -> new IllegalStateException("history table " + table + " has none of the columns "
                        + String.join(", ", KEYS) + " to name a migration"));
        return dialect.rows(database, table, List.of(key, "success"), null).stream()
                .filter(row -> row.text(key) != null)
                .map(row -> new MigrationRecord(row.text(key), "", row.flag("success", true), null))
                .toList();
    }

    @Override
    public Markers markers() {
        return Markers.none();
    }

    @Override
    public String lockDescription() {
        return "whatever lock the service's own runner takes";
    }
}
