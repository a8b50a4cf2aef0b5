package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code scalecheck demo} end to end on the local orchestrator: real MariaDB or PostgreSQL, real processes, a real proxy. */
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
class DemoCommandIT {
    private static final List<String> CHECKS = List.of("replicas-healthy", "parallel-startup", "shared-writes",
            "single-migration", "lock-released", "lb-reaches-all", "cross-replica-state", "connection-headroom",
            "startup-budget", "fresh-state");
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"mariadb", "postgres"})
    void demoPassesEveryCheckAtFourReplicas(String database) {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--database", database);
        assertThat(outcome.code()).as(outcome.output()).isZero();
        for (String check : CHECKS) {
            assertThat(outcome.output()).containsPattern("(?m)^PASS +" + check + " ");
        }
        assertThat(outcome.output())
                .contains("[1/7] Resetting the environment...")
                .contains("[2/7] Starting a fresh database... " + database + " ready")
                .contains("[3/7] Starting 4 replicas at once... 4 started")
                .contains("[7/7] Tearing down... removed everything the run started")
                .containsPattern("(?m)^SCALING TEST PASSED, 10 checks \\(4 replicas, [0-9.]+ s\\)$");
    }

    /**
     * Each fault, the check it must fail and a regular expression for the cause its reason names.
     * The no-lock race has two real outcomes: when the losers' failure records reach
     * schema_version the database shows it; when the winner recorded first (a short migration
     * under load) only the losers' own start-up errors do.
     */
    static Stream<Arguments> faults() {
        return Stream.of("mariadb", "postgres").flatMap(DemoCommandIT::faultsOn);
    }

    private static Stream<Arguments> faultsOn(String database) {
        String keptLock = database.equals("postgres")
                ? "advisory lock '-?\\d+' \\('demo_migration'\\) still held by connection \\d+ of api-\\d after start-up"
                : "user lock 'demo_migration' still held by connection \\d+ of api-\\d after start-up";
        String maxConnections = database.equals("postgres") ? "100" : "151";
        return Stream.of(
                Arguments.of(database, List.of("--fault", "no-lock"), "single-migration",
                        "schema_version|api-\\d failed while migrating: .*(already exists|Duplicate entry)|some migration ran more than once"),
                Arguments.of(database, List.of("--fault", "keep-lock"), "lock-released", keptLock),
                Arguments.of(database, List.of("--fault", "serial-lock"), "parallel-startup", quote("replicas started one after another")),
                Arguments.of(database, List.of("--fault", "memory-state"), "cross-replica-state", quote("state is kept per replica")),
                Arguments.of(database, List.of("--fault", "readonly-data", "--fault-replica", "2"), "shared-writes",
                        quote("api-2 could not write scalecheck-")),
                Arguments.of(database, List.of("--fault", "slow-start"), "startup-budget", quote("exceeds 50% of start_period 30s")),
                Arguments.of(database, List.of("--fault", "big-pool"), "connection-headroom",
                        quote("4 replicas x pool 200 = 800 connections + margin 10 = 810 > max_connections " + maxConnections)));
    }

    private static String quote(String literal) {
        return java.util.regex.Pattern.quote(literal);
    }

    @ParameterizedTest(name = "on {0}: {1} fails {2}")
    @MethodSource("faults")
    void eachFaultFailsItsCheckWithAReasonNamingTheCause(String database, List<String> faultArgs, String check, String causePattern) {
        List<String> args = new ArrayList<>(List.of("demo", "--database", database));
        args.addAll(faultArgs);
        Cli.Outcome outcome = Cli.scalecheck(args.toArray(String[]::new));
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +" + check + " +.*(" + causePattern + ")");
        assertThat(outcome.output()).containsPattern("(?m)^SCALING TEST FAILED, \\d+ of 10 checks failed");
    }

    /**
     * 32 replicas x a pool of 5 (and the demo's lock session) exceed MariaDB's 151 connections:
     * the replicas the database refuses are connection-headroom's finding, with the arithmetic,
     * and no migration check fails for a death that had nothing to do with migrations.
     */
    @Test
    void thirtyTwoReplicasFailConnectionHeadroomWithTheArithmetic() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--plain", "--replicas", "32");
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output())
                .containsPattern("(?m)^FAIL +connection-headroom +32 replicas x pool \\d+ = \\d+ connections \\+ margin 10 = \\d+ "
                        + "> max_connections 151: under load some replicas cannot get a connection")
                .containsPattern("(?m)^PASS +single-migration ")
                .containsPattern("(?m)^PASS +lock-released ");
        assertThat(Leftovers.leftoverRunProcesses()).isEmpty();
    }

    @Test
    void readonlyDataOnReplicaTwoFailsOnlySharedWrites() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--fault", "readonly-data", "--fault-replica", "2");
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +shared-writes +api-2 could not write .*fault readonly-data");
        assertThat(outcome.output()).containsPattern("(?m)^SCALING TEST FAILED, 1 of 10 checks failed");
    }

    /** On a terminal (a pseudo-terminal from util-linux's script): a live line per step, then the result in colour. */
    @Test
    void onATerminalEachStepIsALiveSpinnerLineAndVerdictsAreInColour() throws Exception {
        String jar = Cli.jar();
        Cli.Outcome live = Cli.process(300, "script", "--quiet", "--return", "--command",
                "java -jar '" + jar + "' demo --replicas 2", "/dev/null");
        assertThat(live.code()).as(live.output()).isZero();
        assertThat(live.output())
                .containsPattern("\\r\\[3/7\\] Waiting for each replica's own /api/health/ready\\.\\.\\. [|/\\\\-] \\d+\\.\\d s ")
                .containsPattern("\\r\\[7/7\\] Tearing down\\.\\.\\. removed everything the run started \\([0-9.]+ s\\)\\u001b\\[K")
                .contains("\u001b[32mPASS   \u001b[0m replicas-healthy")
                .contains("\u001b[32;1mSCALING TEST PASSED, 10 checks (2 replicas");

        Cli.Outcome plain = Cli.process(300, java.util.Map.of("NO_COLOR", "1"), "script", "--quiet",
                "--return", "--command", "java -jar '" + jar + "' demo --replicas 2 --plain", "/dev/null");
        assertThat(plain.code()).as(plain.output()).isZero();
        assertThat(plain.output()).doesNotContain("\u001b[").doesNotContain(" | 0.0 s")
                .contains("[3/7] Starting 2 replicas at once... 2 started");
    }

    @Test
    void badFlagsAreBadInputExitTwoWithAFix() {
        assertThat(Cli.scalecheck("demo", "--bogus").code()).isEqualTo(2);
        Cli.Outcome fault = Cli.scalecheck("demo", "--fault", "slow");
        assertThat(fault.code()).isEqualTo(2);
        assertThat(fault.output()).contains("unknown fault 'slow'; expected one of: no-lock, keep-lock");
        Cli.Outcome replica = Cli.scalecheck("demo", "--replicas", "2", "--fault", "no-lock", "--fault-replica", "3");
        assertThat(replica.code()).isEqualTo(2);
        assertThat(replica.output()).contains("--fault-replica 3 is not a replica; expected 1 to 2");
        assertThat(Cli.scalecheck("demo", "--replicas", "0").output()).contains("--replicas 0 is out of range; expected a whole number from 1 to 64");
        Cli.Outcome database = Cli.scalecheck("demo", "--database", "oracle");
        assertThat(database.code()).isEqualTo(2);
        assertThat(database.output()).contains("--database oracle is not a database the demo runs on; expected one of: mariadb, postgres");
    }
}
