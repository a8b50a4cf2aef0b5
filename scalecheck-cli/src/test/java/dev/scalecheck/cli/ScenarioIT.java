package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scalecheck demo --scenario ...} end to end on the local orchestrator: each scenario passes
 * on the reference service, and the demo's fault for each makes it fail naming the cause.
 */
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
class ScenarioIT {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"mariadb", "postgres"})
    void everyScenarioPassesOnTheReferenceService(String database) {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--plain", "--database", database, "--scenario", "rolling-restart",
                "--scenario", "kill-lock-holder", "--scenario", "replica-crash", "--scenario", "db-restart");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("[6/8] Scenario kill-lock-holder... PASS")
                .containsPattern("(?m)^PASS +kill-lock-holder +api-1 was killed [0-9.]+ m?s after its start, holding .*demo_migration")
                .containsPattern("(?m)^PASS +rolling-restart +restarted 4 replicas one at a time under \\d+ requests: 0 failed")
                .containsPattern("(?m)^PASS +replica-crash +killed api-4 under load: ")
                .containsPattern("(?m)^PASS +db-restart +every replica was ready for writes again within ")
                .contains("[8/8] Tearing down... removed everything the run started")
                .containsPattern("(?m)^SCALING TEST PASSED, 14 checks");
    }

    @Test
    void aReplicaThatExitsWithoutDrainingFailsRollingRestartNamingTheFailedRequests() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--plain", "--fault", "no-drain", "--scenario", "rolling-restart");
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output())
                .containsPattern("(?m)^FAIL +rolling-restart +\\d+ of \\d+ requests failed: .*\\d+ while restarting api-\\d \\(")
                .containsPattern("(?m)^SCALING TEST FAILED, 1 of 11 checks failed");
    }

    @Test
    void aTableLockThatOutlivesItsHolderFailsKillLockHolderNamingTheStuckLock() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--plain", "--fault", "stale-lock", "--scenario", "kill-lock-holder");
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output())
                .containsPattern("(?m)^FAIL +kill-lock-holder +api-\\d did not become ready within .* after api-1 was killed holding "
                        + "the lock")
                .containsPattern("lock-released after the kill: .*demo_migration_lock");
    }

    @Test
    void aPoolThatNeverReconnectsFailsDbRestart() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--plain", "--fault", "no-reconnect", "--scenario", "db-restart");
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output())
                .containsPattern("(?m)^FAIL +db-restart +api-\\d was not ready for writes again within 1m of the database's return: "
                        + "readiness answered 503 .*database_unavailable");
    }
}
