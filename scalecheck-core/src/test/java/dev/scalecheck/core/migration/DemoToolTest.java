package dev.scalecheck.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stale-lock fault's table lock as scalecheck reads it: only a locked row is a lock, named by locked_by. */
class DemoToolTest {
    private final MigrationTool demo = MigrationTool.named("demo");

    /** Answers the dialect's column query with the table's columns, and its row query with {@code row}. */
    private static SqlDatabase database(String kind, Map<String, String> row, List<String> asked) {
        return new SqlDatabase() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public List<Map<String, String>> query(String sql) {
                asked.add(sql);
                if (sql.contains("information_schema.columns")) {
                    return List.of("id", "locked", "locked_by", "locked_at").stream().map(c -> Map.of("c", c)).toList();
                }
                return List.of(row);
            }
        };
    }

    private static Map<String, String> row(String locked, String lockedBy, String lockedAt) {
        Map<String, String> row = new HashMap<>();
        row.put("id", "1");
        row.put("locked", locked);
        row.put("locked_by", lockedBy);
        row.put("locked_at", lockedAt);
        return row;
    }

    @ParameterizedTest
    @CsvSource({"mariadb, 1", "postgres, t"})
    void aLockedRowIsATableLockNamingWhoLockedItAndSince(String kind, String locked) {
        List<String> asked = new ArrayList<>();
        SqlDatabase db = database(kind, row(locked, "api-1 (host-a, pid 4242)", "2026-11-29 08:01:02"), asked);
        List<HeldLock> locks = demo.tableLocks(db, Dialect.of(kind), List.of("items", "flyway_schema_history", "demo_migration_lock"));
        assertThat(locks).containsExactly(new HeldLock("table lock", "demo_migration_lock", null, null,
                "LOCKED by 'api-1 (host-a, pid 4242)' since 2026-11-29 08:01:02"));
        assertThat(asked.get(asked.size() - 1)).contains("locked_by").contains("demo_migration_lock");
    }

    @ParameterizedTest
    @CsvSource({"mariadb, 0", "postgres, f"})
    void anUnlockedRowIsNoLock(String kind, String unlocked) {
        SqlDatabase db = database(kind, row(unlocked, null, null), new ArrayList<>());
        assertThat(demo.tableLocks(db, Dialect.of(kind), List.of("demo_migration_lock"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"mariadb", "postgres"})
    void withoutTheTableNothingIsAsked(String kind) {
        List<String> asked = new ArrayList<>();
        assertThat(demo.tableLocks(database(kind, row("1", "x", null), asked), Dialect.of(kind), List.of("items"))).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(demo.lockTable()).hasValue("demo_migration_lock");
    }
}
