package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A replica SIGKILLed while it holds the migration lock (DEMO_MIGRATION_DELAY keeps it there),
 * on a fresh MariaDB and PostgreSQL: the session lock dies with its holder and the next replica
 * migrates; the stale-lock fault's table row outlives it and the next replica gives up naming
 * locked_by.
 */
class KilledLockHolderIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String VERSIONS = "SELECT version, COUNT(*) FROM flyway_schema_history GROUP BY version ORDER BY version";

    @TempDir
    Path dir;
    TestDatabase db;
    final List<DemoProcess> replicas = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        DemoProcess.closeAll(replicas);
        if (db != null) {
            db.close();
        }
    }

    private DemoProcess start(String id, Map<String, String> env) throws Exception {
        DemoProcess replica = DemoProcess.start(id, db, dir, env);
        replicas.add(replica);
        return replica;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theSessionLockDiesWithItsKilledHolderAndTheNextReplicaMigrates(DatabaseKind kind) throws Exception {
        db = TestDatabase.start(kind, dir.resolve("db"));
        DemoProcess holder = start("api-1", Map.of("DEMO_MIGRATION_DELAY", "600"));
        holder.awaitLine("Holding migration lock 'demo_migration' 600 s before applying (DEMO_MIGRATION_DELAY)", READY);
        holder.kill();
        assertThat(holder.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);

        DemoProcess next = start("api-2", Map.of("DEMO_LOCK_TIMEOUT", "30"));
        next.awaitReady(READY);
        assertThat(next.log()).contains("Acquired migration lock 'demo_migration'", "Migrations complete (4 applied");
        assertThat(db.query(VERSIONS)).containsExactly("1|1", "2|1", "3|1", "4|1");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theStaleLockRowOutlivesItsKilledHolderAndTheNextReplicaFailsNamingLockedBy(DatabaseKind kind) throws Exception {
        db = TestDatabase.start(kind, dir.resolve("db"));
        DemoProcess holder = start("api-1", Map.of("DEMO_FAULT", "stale-lock", "DEMO_MIGRATION_DELAY", "600"));
        holder.awaitLine("Holding migration lock 'demo_migration_lock' 600 s before applying", READY);
        String owner = "api-1 (";
        String pid = "pid " + holder.process.pid() + ")";
        assertThat(db.query("SELECT locked, locked_by FROM demo_migration_lock"))
                .singleElement().asString().matches("(1|t|true)\\|api-1 \\(.*, " + java.util.regex.Pattern.quote(pid));
        holder.kill();
        assertThat(holder.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);

        assertThat(db.query("SELECT locked, locked_by, locked_at IS NOT NULL FROM demo_migration_lock")).singleElement().asString()
                .as("the row is still locked by the dead replica").matches("(1|t|true)\\|api-1 \\(.*" + java.util.regex.Pattern.quote(pid)
                        + "\\|(1|t|true)");
        assertThat(db.query("SELECT COUNT(*) FROM flyway_schema_history")).as("nothing was applied").containsExactly("0");

        DemoProcess next = start("api-2", Map.of("DEMO_FAULT", "stale-lock", "DEMO_LOCK_TIMEOUT", "1"));
        assertThat(next.awaitExit(READY)).isEqualTo(1);
        assertThat(next.log())
                .contains("Waiting for migration lock 'demo_migration_lock' (locked by '" + owner)
                .containsPattern("FATAL: timed out after 1 s waiting for migration lock 'demo_migration_lock' \\(locked by 'api-1 \\(.*"
                        + java.util.regex.Pattern.quote(pid) + "' since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\); a replica killed while holding it "
                        + "leaves the row set \\(fault stale-lock\\); once no replica is migrating, clear it with UPDATE demo_migration_lock "
                        + "SET locked = FALSE WHERE id = 1");
    }

    /**
     * The lock table exists before the first migration, yet Flyway migrates: it made its history
     * table first, so its history holds the four versions and nothing else (no baseline row).
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void staleLockReplicasStartingTogetherMigrateOnceAndLeaveTheRowUnlocked(DatabaseKind kind) throws Exception {
        db = TestDatabase.start(kind, dir.resolve("db"));
        List<DemoProcess> fleet = List.of(start("api-1", Map.of("DEMO_FAULT", "stale-lock")),
                start("api-2", Map.of("DEMO_FAULT", "stale-lock")));
        for (DemoProcess replica : fleet) {
            replica.awaitReady(READY);
        }
        assertThat(fleet.stream().filter(r -> r.log().contains("Migrations complete (4 applied"))).hasSize(1);
        for (DemoProcess replica : fleet) {
            if (replica.log().contains("Acquired migration lock 'demo_migration_lock'")) {
                assertThat(replica.log()).as(replica.id).contains("Released migration lock 'demo_migration_lock'");
            }
        }
        assertThat(db.query("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank"))
                .extracting(row -> row.replace("|true", "|1").replace("|t", "|1"))
                .containsExactly("1|SQL|1", "2|SQL|1", "3|SQL|1", "4|SQL|1");
        assertThat(db.query("SELECT id, locked, locked_by, locked_at FROM demo_migration_lock"))
                .singleElement().asString().matches("1\\|(0|f|false)\\|null\\|null");
    }
}
