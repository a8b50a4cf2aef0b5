package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference service (demo-api) as real processes against a real embedded MariaDB: the
 * correct behaviour at 4 replicas, and each fault switch producing its failure.
 */
class ReferenceServiceIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    DemoFleet fleet;

    @BeforeEach
    void startDatabase() throws Exception {
        fleet = new DemoFleet(dir);
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    @Test
    void fourReplicasOnAFreshDatabaseMigrateExactlyOnceAndShareState() throws Exception {
        List<DemoFleet.Replica> replicas = fleet.start(4, Map.of());
        for (DemoFleet.Replica replica : replicas) {
            fleet.awaitReady(replica, READY);
        }

        assertThat(fleet.countReplicasLogging("Migrations complete (4 applied")).isEqualTo(1);
        for (DemoFleet.Replica replica : replicas) {
            List<String> lines = fleet.lines(replica.id());
            assertThat(lines).as(replica.id()).anyMatch(l -> l.contains("Database pool created (max=5)"));
            assertThat(lines).as(replica.id()).anyMatch(l -> l.contains("Migrations complete (4 applied")
                    || l.contains("Fast path: schema up to date, no lock needed")
                    || l.contains("Another replica completed migrations while we waited"));
            assertThat(lines.get(lines.size() - 1)).as(replica.id()).contains("Ready on port " + replica.port());
            if (lines.stream().anyMatch(l -> l.contains("Acquired migration lock 'demo_migration'"))) {
                assertThat(lines).as(replica.id()).anyMatch(l -> l.contains("Released migration lock 'demo_migration'"));
            }
        }
        try (Connection connection = fleet.db.connect("app")) {
            assertThat(query(connection, "SELECT version, COUNT(*), MIN(success) FROM flyway_schema_history "
                    + "WHERE version IS NOT NULL GROUP BY version ORDER BY version"))
                    .containsExactly("1|1|1", "2|1|1", "3|1|1", "4|1|1");
            assertThat(query(connection, "SELECT IS_USED_LOCK('demo_migration')")).containsExactly("null");
            assertThat(query(connection, "SELECT COUNT(*) FROM reference_numbers")).containsExactly("300000");
        }

        HttpResponse<String> created = fleet.post(replicas.get(0), "/api/items", "{\"name\":\"probe\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Replica-Id")).hasValue("api-1");
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        HttpResponse<String> read = fleet.get(replicas.get(2), "/api/items/" + id).orElseThrow();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Replica-Id")).hasValue("api-3");
        assertThat(read.body()).contains("\"name\":\"probe\"").contains("\"created_by\":\"api-1\"");

        assertThat(fleet.put(replicas.get(1), "/api/data/token-2", "written by api-2").statusCode()).isEqualTo(201);
        assertThat(fleet.get(replicas.get(3), "/api/data/token-2").orElseThrow().body()).isEqualTo("written by api-2");
        assertThat(Files.readString(fleet.dataDir.resolve("token-2"))).isEqualTo("written by api-2");
    }

    @Test
    void aReplicaStartedLaterTakesTheFastPathWithoutTheLock() throws Exception {
        fleet.start(1, Map.of());
        fleet.awaitReady(fleet.replicas.get(0), READY);
        DemoFleet.Replica second = fleet.start(1, Map.of()).get(0);
        fleet.awaitReady(second, READY);
        assertThat(fleet.lines("api-2")).anyMatch(l -> l.contains("Fast path: schema up to date, no lock needed"))
                .noneMatch(l -> l.contains("lock 'demo_migration'"));
    }

    @Test
    void readinessReportsMigrationStatePoolAndReplica() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of("DB_POOL_SIZE", "7")).get(0);
        fleet.awaitReady(replica, READY);
        HttpResponse<String> ready = fleet.get(replica, "/api/health/ready").orElseThrow();
        assertThat(ready.body()).contains("\"status\":\"ready\"", "\"replica\":\"api-1\"", "\"pending\":0",
                "\"applied\":4", "\"lock_acquired\":true", "\"lock_holder\":null", "\"max\":7");
        HttpResponse<String> live = fleet.get(replica, "/api/health").orElseThrow();
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"ok\"", "\"replica\":\"api-1\"", "\"version\"");
    }

    @Test
    void readinessIs503WithDatabaseUnavailableWhenTheDatabaseGoesAway() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of()).get(0);
        fleet.awaitReady(replica, READY);
        fleet.db.close();
        HttpResponse<String> answer = fleet.get(replica, "/api/health/ready").orElseThrow();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("\"reason\":\"database_unavailable\"");
        assertThat(fleet.get(replica, "/api/health").orElseThrow().statusCode()).isEqualTo(200);
    }

    @Test
    void sigtermFinishesGracefullyWithExitZero() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of()).get(0);
        fleet.awaitReady(replica, READY);
        replica.process().terminate();
        assertThat(fleet.awaitExit(replica, Duration.ofSeconds(15))).isZero();
        assertThat(fleet.lines("api-1")).as(fleet.log("api-1")).last().asString().contains("Shutdown complete");
    }

    @Test
    void unknownFaultIsABadConfigurationExitTwo() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of("DEMO_FAULT", "no-lock,bogus")).get(0);
        assertThat(fleet.awaitExit(replica, Duration.ofSeconds(15))).isEqualTo(2);
        assertThat(fleet.log("api-1")).contains("DEMO_FAULT has unknown fault 'bogus'");
    }

    @Test
    void noLockFaultRacesIntoTwoAppliersOrAMigrationError() throws Exception {
        List<DemoFleet.Replica> replicas = fleet.start(4, Map.of("DEMO_FAULT", "no-lock"));
        for (DemoFleet.Replica replica : replicas) {
            fleet.awaitReadyOrExit(replica, READY);
        }
        long appliers = fleet.countReplicasLogging("Migrations complete (");
        long failed = fleet.countReplicasLogging("FATAL: applying V");
        assertThat(appliers > 1 || failed > 0)
                .as("two appliers (%d) or a migration error (%d)", appliers, failed).isTrue();
        assertThat(fleet.countReplicasLogging("applying without lock (fault no-lock)")).isGreaterThan(1);
        assertThat(fleet.countReplicasLogging("Acquired migration lock")).isZero();
        for (DemoFleet.Replica replica : replicas) {
            if (fleet.log(replica.id()).contains("FATAL")) {
                assertThat(replica.process().exitCode()).as(replica.id()).hasValue(1);
            }
        }
        try (Connection connection = fleet.db.connect("app")) {
            assertThat(query(connection, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = 'app' AND table_name = 'schema_version'")).containsExactly("1");
        }
    }

    @Test
    void keepLockFaultHoldsTheLockWhileTheReplicaLives() throws Exception {
        DemoFleet.Replica holder = fleet.start(1, Map.of("DEMO_FAULT", "keep-lock")).get(0);
        fleet.awaitReady(holder, READY);
        assertThat(fleet.log("api-1")).contains("Not releasing migration lock 'demo_migration' (fault keep-lock)")
                .doesNotContain("Released migration lock");
        try (Connection connection = fleet.db.connect("app")) {
            assertThat(query(connection, "SELECT IS_USED_LOCK('demo_migration') IS NOT NULL")).containsExactly("1");

            DemoFleet.Replica waiter = fleet.start(1, Map.of("DEMO_FAULT", "serial-lock", "DEMO_LOCK_TIMEOUT", "1")).get(0);
            assertThat(fleet.awaitExit(waiter, READY)).isEqualTo(1);
            assertThat(fleet.log("api-2")).contains("Waiting for migration lock 'demo_migration' (held by connection")
                    .contains("FATAL: timed out after 1 s waiting for migration lock 'demo_migration'");

            holder.process().stop(Duration.ofSeconds(10));
            assertThat(query(connection, "SELECT IS_USED_LOCK('demo_migration')")).containsExactly("null");
        }
    }

    @Test
    void serialLockFaultMakesReplicasBecomeReadyOneAfterAnother() throws Exception {
        List<DemoFleet.Replica> replicas = fleet.start(3, Map.of("DEMO_FAULT", "serial-lock", "DEMO_LOCK_HOLD", "2"));
        List<Instant> ready = new ArrayList<>();
        for (DemoFleet.Replica replica : replicas) {
            fleet.awaitReady(replica, READY);
            ready.add(fleet.lineArrival(replica.id(), "Ready on port"));
        }
        ready.sort(null);
        assertThat(Duration.between(ready.get(0), ready.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(fleet.countReplicasLogging("Holding migration lock for 2 s (fault serial-lock)")).isEqualTo(3);
    }

    @Test
    void memoryStateFaultLosesItemsCreatedOnAnotherReplica() throws Exception {
        List<DemoFleet.Replica> replicas = fleet.start(2, Map.of("DEMO_FAULT", "memory-state"));
        for (DemoFleet.Replica replica : replicas) {
            fleet.awaitReady(replica, READY);
        }
        HttpResponse<String> created = fleet.post(replicas.get(0), "/api/items", "{\"name\":\"probe\"}");
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(fleet.get(replicas.get(0), "/api/items/" + id).orElseThrow().statusCode()).isEqualTo(200);
        HttpResponse<String> elsewhere = fleet.get(replicas.get(1), "/api/items/" + id).orElseThrow();
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("not found on replica api-2");
    }

    @Test
    void readonlyDataFaultOnReplicaTwoOnlyBreaksItsWrites() throws Exception {
        List<DemoFleet.Replica> replicas = fleet.start(2, Map.of("DEMO_FAULT", "readonly-data", "DEMO_FAULT_REPLICA", "2"));
        for (DemoFleet.Replica replica : replicas) {
            fleet.awaitReady(replica, READY);
        }
        assertThat(fleet.put(replicas.get(0), "/api/data/token-1", "one").statusCode()).isEqualTo(201);
        HttpResponse<String> refused = fleet.put(replicas.get(1), "/api/data/token-2", "two");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("not writable by this replica (fault readonly-data)");
        assertThat(fleet.get(replicas.get(1), "/api/data/token-1").orElseThrow().body()).isEqualTo("one");
        assertThat(fleet.put(replicas.get(0), "/api/data/..", "x").statusCode()).isEqualTo(400);
    }

    @Test
    void slowStartFaultDelaysReadinessWithMigrationsPending() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of("DEMO_FAULT", "slow-start", "DEMO_SLOW_START", "3")).get(0);
        Instant ready = fleet.awaitReady(replica, READY);
        assertThat(Duration.between(replica.started(), ready)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(fleet.log("api-1")).contains("Slow start: waiting 3 s before ready (fault slow-start)");
    }

    @Test
    void bigPoolFaultAsksForTwoHundredConnections() throws Exception {
        DemoFleet.Replica replica = fleet.start(1, Map.of("DEMO_FAULT", "big-pool")).get(0);
        fleet.awaitReady(replica, READY);
        assertThat(fleet.log("api-1")).contains("Database pool created (max=200)");
        assertThat(fleet.get(replica, "/api/health/ready").orElseThrow().body()).contains("\"max\":200");
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(result.getString(c)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
