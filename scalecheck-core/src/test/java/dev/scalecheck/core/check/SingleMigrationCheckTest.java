package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleMigrationCheckTest {
    private final Check check = new SingleMigrationCheck();

    @Test
    void passesNamingTheOneReplicaThatApplied() {
        assertThat(check.evaluate(Fixtures.healthyEvidence()).summary()).isEqualTo(
                "api-1 applied 4 migrations; flyway_schema_history records each of 4 migrations once, all successful");
    }

    @Test
    void failsWhenTwoReplicasApplied() {
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(3, "api-3", "Migrations complete (2 applied in 0.50 s)"));
        CheckResult result = check.evaluate(Fixtures.with(healthy, logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("2 replicas applied migrations: api-1 (4), api-3 (2)");
    }

    @Test
    void databaseTruthBeatsLogs_aVersionRecordedTwiceFails() {
        DatabaseState db = Fixtures.database();
        List<DatabaseState.MigrationRecord> history = new ArrayList<>(db.history());
        history.add(new DatabaseState.MigrationRecord("V1__create_items.sql", "", true));
        history.add(new DatabaseState.MigrationRecord("V1__create_items.sql", "", true));
        DatabaseState twice = new DatabaseState(List.of(), "schema_version", history, "demo_migration", null, 151, 20, null);
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), twice));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("migration V1__create_items.sql recorded 2 times in schema_version");
    }

    @Test
    void failsOnAFailedMigrationAndNamesTheReplicaThatCrashed() {
        DatabaseState failed = new DatabaseState(List.of(), "schema_version", List.of(
                new DatabaseState.MigrationRecord("V1__create_items.sql", "", false)), "demo_migration", null, 151, 20, null);
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(2, "api-4", "FATAL: applying V1__create_items.sql failed: Table 'items' already exists"));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, failed), logs));
        assertThat(result.summary()).startsWith("migration V1__create_items.sql recorded as failed in schema_version");
        assertThat(result.details()).contains("api-4 failed during start-up: 'FATAL: applying V1__create_items.sql failed: "
                + "Table 'items' already exists'");
    }

    @Test
    void failsWithoutAnyHistoryTable() {
        DatabaseState none = new DatabaseState(List.of(), null, List.of(), "demo_migration", null, 151, 20, null);
        assertThat(check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), none)).summary())
                .startsWith("no migration history table (flyway_schema_history, schema_version, DATABASECHANGELOG) exists");
    }
}
