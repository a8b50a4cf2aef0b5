package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/compose-postgres end to end through its Makefile on a real Docker engine: the same
 * stack on PostgreSQL passes at 4 replicas, and the two faults whose evidence only the database
 * holds fail their checks from PostgreSQL's own tables (pg_locks, max_connections).
 */
class ComposePostgresExampleIT {
    private static final Path EXAMPLE = Path.of("../examples/compose-postgres").toAbsolutePath().normalize();
    private static final String PROJECT = "scalecheck-example-pg";

    @BeforeAll
    static void requireDocker() throws Exception {
        Docker.require();
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        Docker.assertNothingLeftOf(PROJECT);
    }

    @AfterAll
    static void removeTheImagesTheBuildsLeftDangling() throws Exception {
        Docker.pruneDanglingImagesOf(PROJECT);
    }

    @Test
    void makeTestScalingPassesAtFourReplicasOnPostgres() throws Exception {
        Cli.Outcome outcome = Cli.process(600, "make", "-C", EXAMPLE.toString(), "test-scaling");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("[2/7] Starting a fresh database... postgres ready");
        for (String check : List.of("replicas-healthy", "parallel-startup", "shared-writes", "single-migration", "lock-released",
                "lb-reaches-all", "cross-replica-state", "connection-headroom", "startup-budget", "fresh-state")) {
            assertThat(outcome.output()).containsPattern("(?m)^PASS +" + check + " ");
        }
        assertThat(outcome.output()).containsPattern("(?m)^PASS +lock-released +no lock held after start-up: no lock in pg_locks")
                .containsPattern("(?m)^PASS +connection-headroom +4 replicas x pool \\d+ = \\d+ connections \\+ margin 10 = \\d+ "
                        + "<= max_connections \\d+")
                .contains("SCALING TEST PASSED, 10 checks (4 replicas");
    }

    @Test
    void keepLockFailsLockReleasedNamingTheHolderReplicaFromPgLocks() throws Exception {
        Cli.Outcome outcome = Cli.process(600, "make", "-C", EXAMPLE.toString(), "test-scaling", "FAULT=keep-lock");
        assertThat(outcome.code()).as("make exits 2 when scalecheck exits 1: %s", outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("test-scaling] Error 1").containsPattern("(?m)^FAIL +lock-released +advisory lock '-?\\d+' \\('demo_migration'\\) "
                + "still held by connection \\d+ of api-\\d after start-up");
    }

    @Test
    void bigPoolFailsConnectionHeadroomAgainstPostgresMaxConnections() throws Exception {
        Cli.Outcome outcome = Cli.process(600, "make", "-C", EXAMPLE.toString(), "test-scaling", "FAULT=big-pool");
        assertThat(outcome.code()).as("make exits 2 when scalecheck exits 1: %s", outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("test-scaling] Error 1").containsPattern("(?m)^FAIL +connection-headroom +4 replicas x pool 200 = 800 connections "
                + "\\+ margin 10 = 810 > max_connections 100");
    }
}
