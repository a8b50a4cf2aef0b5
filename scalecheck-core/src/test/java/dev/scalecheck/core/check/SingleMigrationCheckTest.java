package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.migration.MigrationRecord;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleMigrationCheckTest {
    private static final String ANSI_INFO = "2026-11-29T02:46:08.460Z \u001b[34mINFO \u001b[0;39m \u001b[35m5029\u001b[0;39m --- [           main] "
            + "\u001b[36mo.f.core.internal.command.DbMigrate     \u001b[0;39m : ";
    private final Check check = new SingleMigrationCheck();

    @Test
    void passesNamingTheOneReplicaThatApplied() {
        assertThat(check.evaluate(Fixtures.healthyEvidence()).summary()).isEqualTo(
                "flyway_schema_history records each of 4 migrations once, all successful; api-1 applied 4 migrations");
    }

    @Test
    void failsWhenLogsCountMoreApplicationsThanTheHistoryRecords() {
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(3, "api-3", "Migrations complete (2 applied in 0.50 s)"));
        CheckResult result = check.evaluate(Fixtures.with(healthy, logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the replicas' logs count 6 migrations applied (api-1: 4 migrations, api-3: 2 migrations) but "
                + "flyway_schema_history records 4 migrations: some migration ran more than once");
    }

    @Test
    void passesWhenFlywayReplicasEachAppliedDifferentMigrations() {
        Evidence evidence = flyway(List.of(
                Fixtures.line(1.0, "api-1", ANSI_INFO + "Migrating schema `app` to version \"1 - create notes\""),
                Fixtures.line(3.1, "api-2", ANSI_INFO + "Migrating schema `app` to version \"2 - create tags\""),
                Fixtures.line(3.2, "api-3", ANSI_INFO + "Migrating schema `app` to version \"3 - create note tags\""),
                Fixtures.line(3.3, "api-1", ANSI_INFO + "Successfully applied 1 migration to schema `app`, now at version v1")));
        CheckResult result = check.evaluate(evidence);
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("flyway_schema_history records each of 3 migrations once, all successful; "
                + "3 replicas applied different migrations under the lock (api-1: 1 migration, api-2: 1 migration, api-3: 1 migration), none twice");
    }

    @Test
    void failsNamingBothReplicasWhenTheLogsShowOneMigrationAppliedTwice() {
        Evidence evidence = flyway(List.of(
                Fixtures.line(1.0, "api-1", "Migrating schema `app` to version \"1 - create notes\""),
                Fixtures.line(1.1, "api-2", "Migrating schema `app` to version \"1 - create notes\"")));
        CheckResult result = check.evaluate(evidence);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("migration 1 applied by api-1, api-2 (their logs)");
    }

    @Test
    void aVersionRecordedTwiceFailsWhateverTheLogsSay() {
        DatabaseState twice = Fixtures.db().history("schema_version", List.of(record("V1__create_items.sql", true),
                record("V1__create_items.sql", true))).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), twice));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("migration V1__create_items.sql recorded 2 times in schema_version");
    }

    @Test
    void failsOnAFailedMigrationAndNamesTheReplicaThatCrashed() {
        DatabaseState failed = Fixtures.db().history("schema_version", List.of(record("V1__create_items.sql", false))).build();
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(2, "api-4", "FATAL: applying V1__create_items.sql failed: Table 'items' already exists"));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, failed), logs));
        assertThat(result.details()).contains("migration V1__create_items.sql recorded as failed in schema_version",
                "api-4 failed while migrating: 'FATAL: applying V1__create_items.sql failed: Table 'items' already exists'");
    }

    @Test
    void namesLiquibasesChangelogRaceWithItsExplanation() {
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(2, "api-3", "\u001b[1;31mERROR\u001b[0;39m : Application run failed"));
        logs.add(Fixtures.line(2, "api-3", "Caused by: java.sql.SQLSyntaxErrorException: Table 'DATABASECHANGELOG' already exists"));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, Markers.preset("liquibase")), logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("api-3 failed during start-up: Liquibase creates DATABASECHANGELOG before it takes "
                + "its lock").contains("Liquibase issue 5254").contains("'Caused by: java.sql.SQLSyntaxErrorException: Table "
                + "'DATABASECHANGELOG' already exists'");
        assertThat(result.details()).contains("flyway_schema_history itself records each of 4 migrations once, all successful: "
                + "the failure is the replica's start-up, not a migration applied twice");
    }

    @Test
    void aDeathFromTooManyConnectionsIsNotAMigrationFailure() {
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(2, "api-4", "FATAL: applying V1__create_items.sql failed: (conn=7) Too many connections"));
        assertThat(check.evaluate(Fixtures.with(healthy, logs)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void skipsWithTheKeyToSetWhenNoHistoryTableExists() {
        DatabaseState none = Fixtures.db().tool(null, List.of("flyway_schema_history", "DATABASECHANGELOG", "schema_version"))
                .history(null, List.of()).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), none));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("no migration history table after start-up (looked for flyway_schema_history, "
                + "DATABASECHANGELOG, schema_version); if the service migrates, set database.tool or database.migrationTable");
    }

    @Test
    void anEmptyHistoryTableIsNotAPass() {
        DatabaseState empty = Fixtures.db().history("flyway_schema_history", List.of()).build();
        Evidence quiet = Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), empty), Markers.none());
        CheckResult result = check.evaluate(quiet);
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).startsWith("flyway_schema_history is empty after start-up");
    }

    @Test
    void aServiceThatExitsBeforeMigratingIsReplicasHealthysFinding() {
        Map<String, ReplicaHealth> dead = Fixtures.exited(4);
        DatabaseState none = Fixtures.db().history(null, List.of()).build();
        Evidence evidence = Fixtures.with(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), dead), none), List.<LogLine>of());
        CheckResult result = check.evaluate(evidence);
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).contains("no replica became ready").contains("replicas-healthy says why");
    }

    private static Evidence flyway(List<LogLine> logs) {
        DatabaseState db = Fixtures.db().tool("flyway", List.of("flyway_schema_history")).history("flyway_schema_history",
                List.of(record("1", true), record("2", true), record("3", true))).build();
        return Fixtures.with(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), db), Markers.preset("flyway")), logs);
    }

    private static MigrationRecord record(String key, boolean success) {
        return new MigrationRecord(key, "", success, null);
    }
}
