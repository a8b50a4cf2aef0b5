package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.database.Row;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.util.List;
import java.util.function.Function;

/** A lock kept as a row with a {@code locked} flag (Liquibase's DATABASECHANGELOGLOCK, the demo's stale-lock table). */
final class LockTables {
    private LockTables() {
    }

    /**
     * The rows of {@code lockTable} (matched among {@code tables} without regard to case) whose
     * {@code locked} flag is set, each a held table lock described by {@code detail}; none when the table is absent.
     */
    static List<HeldLock> held(SqlDatabase database, Dialect dialect, List<String> tables, String lockTable, List<String> columns,
            Function<Row, String> detail) {
        String table = tables.stream().filter(t -> t.equalsIgnoreCase(lockTable)).findFirst().orElse(null);
        if (table == null) {
            return List.of();
        }
        return dialect.rows(database, table, columns, null).stream()
                .filter(row -> row.flag("locked", false))
                .map(row -> new HeldLock("table lock", table, null, null, detail.apply(row)))
                .toList();
    }
}
