package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services that never heard of scalecheck, built from Maven Central's real Flyway and Liquibase
 * (test-services/), run at 4 replicas on the local orchestrator, on MariaDB and on PostgreSQL, from specs that use only
 * {@code environment:} for the database. Each verdict must be the truth of what happened.
 */
class RealMigrationToolsIT {
    private static final Path SERVICES = Path.of("..", "test-services").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void flywayReplicasEachApplyingDifferentMigrationsPass() throws Exception {
        Run run = run(SERVICES.resolve("flyway-service/scalecheck.yml"));
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.status("single-migration")).isEqualTo("PASS");
        // V1 sleeps 2 s under Flyway's per-migration lock, so every replica queues and the lock passes on
        assertThat(run.summary("single-migration")).startsWith("flyway_schema_history records each of 5 migrations once, "
                + "all successful; ").contains("replicas applied different migrations under the lock");
        assertThat(run.summary("lock-released")).isEqualTo("no lock held after start-up: no lock in "
                + "performance_schema.metadata_locks");
        assertThat(run.summary("connection-headroom")).startsWith("4 replicas x pool 10 = 40 connections");
        assertThat(run.summary("lb-reaches-all")).contains("every ready replica answered");
        assertThat(run.summary("cross-replica-state")).contains("was found by every replica");
        assertThat(run.status("shared-writes")).isEqualTo("SKIPPED");
        assertThat(run.output()).doesNotContain("scalecheck-test-token").contains("1 of 10 checks skipped: shared-writes");
        assertThat(Leftovers.processes("flyway-service-all.jar")).isEmpty();
    }

    /**
     * On PostgreSQL Flyway locks with an advisory lock in each migration's transaction: one replica
     * may apply all five, or several each apply different ones; either is right, none twice.
     */
    @Test
    void flywayOnPostgresPassesWithItsAdvisoryLockLetGo() throws Exception {
        Run run = run(SERVICES.resolve("flyway-service/scalecheck-postgres.yml"));
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.summary("single-migration")).startsWith("flyway_schema_history records each of 5 migrations once, "
                + "all successful; ").containsPattern("notes-\\d applied 5 migrations|replicas applied different migrations under the "
                + "lock \\(.*\\), none twice");
        assertThat(run.summary("lock-released")).isEqualTo("no lock held after start-up: no lock in pg_locks");
        assertThat(run.summary("connection-headroom")).startsWith("4 replicas x pool 10 = 40 connections")
                .contains("<= max_connections 100");
        assertThat(run.summary("cross-replica-state")).contains("was found by every replica");
        assertThat(run.output()).doesNotContain("scalecheck-test-token").contains("1 of 10 checks skipped: shared-writes");
        assertThat(Leftovers.processes("flyway-service-all.jar")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scalecheck.yml", "scalecheck-postgres.yml"})
    void liquibaseGetsTheTruthIncludingItsChangelogRace(String spec) throws Exception {
        Run run = run(SERVICES.resolve("liquibase-service").resolve(spec));
        JsonNode died = null;
        for (JsonNode health : run.report().path("health")) {
            if (health.path("readyAt").isNull()) {
                died = health;
            }
        }
        if (died == null) {
            // no replica lost the race this time: the history holds
            assertThat(run.status("single-migration")).as(run.output()).isEqualTo("PASS");
            assertThat(run.summary("single-migration")).containsIgnoringCase("DATABASECHANGELOG records each of 6 migrations once");
        } else {
            // a replica lost Liquibase's race to create DATABASECHANGELOG (4 runs in 5 here): named, with its cause
            assertThat(run.code()).as(run.output()).isEqualTo(1);
            assertThat(run.status("single-migration")).isEqualTo("FAIL");
            assertThat(run.summary("single-migration")).contains("failed during start-up: Liquibase creates DATABASECHANGELOG "
                    + "before it takes its lock").containsPattern("Table 'DATABASECHANGELOG' already exists|relation \"databasechangelog\" "
                    + "already exists|\\(typname, typnamespace\\)=\\(databasechangelog");
            assertThat(run.details("replicas-healthy")).contains(died.path("replica").asText() + " exited with code 1");
        }
        if (run.status("parallel-startup").equals("FAIL")) {
            // waiters poll the lock table (every 2 s here): Liquibase serializes a start-up, and the gaps say so
            assertThat(run.details("parallel-startup")).contains("waited for the migration lock");
        }
        assertThat(run.code()).as(run.output()).isEqualTo(run.results().values().stream()
                .anyMatch(result -> result.path("status").asText().equals("FAIL")) ? 1 : 0);
        assertThat(run.status("lock-released")).isEqualTo("PASS");
        assertThat(run.summary("lock-released")).contains("DATABASECHANGELOGLOCK unlocked");
        assertThat(run.status("lb-reaches-all")).isEqualTo("PASS");
        assertThat(run.status("connection-headroom")).isEqualTo("PASS");
        assertThat(run.output()).doesNotContain("\u001b[");
        assertThat(Leftovers.processes("liquibase-service-all.jar")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scalecheck-killed-holder.yml", "scalecheck-killed-holder-postgres.yml"})
    void aLiquibaseReplicaKilledHoldingItsLockFailsLockReleasedNamingLockedBy(String spec) throws Exception {
        Run run = run(SERVICES.resolve("liquibase-service").resolve(spec));
        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertThat(run.status("lock-released")).isEqualTo("FAIL");
        assertThat(run.summary("lock-released")).containsPattern("^table lock '(?i:DATABASECHANGELOGLOCK)' still held \\(LOCKEDBY '")
                .contains("LOCKGRANTED");
        assertThat(run.summary("replicas-healthy")).contains("notes-1 exited with code 137");
        assertThat(Leftovers.processes("liquibase-service-all.jar")).isEmpty();
    }

    private Run run(Path spec) throws Exception {
        Path json = dir.resolve("run-" + spec.getFileName() + ".json");
        Cli.Outcome outcome = Cli.scalecheck("run", "-f", spec.toString(), "--plain", "--json", json.toString());
        JsonNode report = new ObjectMapper().readTree(json.toFile()).path("run");
        Map<String, JsonNode> results = new HashMap<>();
        report.path("results").forEach(result -> results.put(result.path("id").asText(), result));
        return new Run(outcome.code(), outcome.output(), report, results);
    }

    private record Run(int code, String output, JsonNode report, Map<String, JsonNode> results) {
        String status(String check) {
            return results.get(check).path("status").asText();
        }

        String summary(String check) {
            return results.get(check).path("summary").asText();
        }

        /** The summary and every detail, one per line. */
        String details(String check) {
            StringBuilder all = new StringBuilder(summary(check));
            results.get(check).path("details").forEach(detail -> all.append('\n').append(detail.asText()));
            return all.toString();
        }
    }
}
