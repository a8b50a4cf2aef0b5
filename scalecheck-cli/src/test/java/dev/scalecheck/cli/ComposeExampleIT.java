package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compose example end to end through its Makefile ({@code make test-scaling}) on a real
 * Docker engine: passing at 4 replicas, and each fault of the reference service failing the
 * same check as on the local backend. Without an engine these tests are skipped with the
 * reason, unless SCALECHECK_REQUIRE_DOCKER=1 (CI), which turns the skip into a failure.
 */
class ComposeExampleIT {
    private static final Path EXAMPLE = Path.of("../examples/compose").toAbsolutePath().normalize();
    /** The example's project, and the one 'scalecheck init' names after the example's directory. */
    private static final List<String> PROJECTS = List.of("scalecheck-example", "scalecheck-compose");

    @BeforeAll
    static void requireDocker() throws Exception {
        Docker.require();
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        for (String project : PROJECTS) {
            Docker.assertNothingLeftOf(project);
        }
    }

    @AfterAll
    static void removeTheImagesTheBuildsLeftDangling() throws Exception {
        for (String project : List.of("scalecheck-example", "scalecheck-compose", "scalecheck-seed")) {
            Docker.pruneDanglingImagesOf(project);
        }
    }

    @Test
    void makeTestScalingPassesAtFourReplicasAndPrintsThePerCheckTable() throws Exception {
        Cli.Outcome outcome = Cli.process(600, "make", "-C", EXAMPLE.toString(), "test-scaling");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("[1/7] Resetting the environment... down -v of project 'scalecheck-example', "
                + "images built; lint: no findings");
        for (String check : List.of("replicas-healthy", "parallel-startup", "shared-writes", "single-migration", "lock-released",
                "lb-reaches-all", "cross-replica-state", "connection-headroom", "startup-budget", "fresh-state")) {
            assertThat(outcome.output()).containsPattern("(?m)^PASS +" + check + " ");
        }
        assertThat(outcome.output()).containsPattern("(?m)^PASS +lb-reaches-all +40 requests through http://127.0.0.1:8080/api/health, "
                + "0 errors, every ready replica answered: api-1 \\d+, api-2 \\d+, api-3 \\d+, api-4 \\d+");
        assertThat(outcome.output()).contains("SCALING TEST PASSED, 10 checks (4 replicas");
    }

    @Test
    void initOnTheExampleWritesASpecThatPassesRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(Cli.process(600, "make", "-C", EXAMPLE.toString(), "prepare").code()).isZero();
        Path spec = dir.resolve("scalecheck.yml");
        Cli.Outcome init = Cli.scalecheck("init", "-f", EXAMPLE.resolve("docker-compose.yml").toString(), "-o", spec.toString());
        assertThat(init.code()).as(init.output()).isZero();
        Cli.Outcome run = Cli.process(600, localImages(), "java", "-jar", Cli.jar(), "run", "-f", spec.toString());
        assertThat(run.code()).as(run.output()).isZero();
        // init writes no demo defaults: the probes it cannot know stay commented TODOs, and their checks are skipped
        assertThat(run.output()).contains("SCALING TEST PASSED, 3 of 10 checks skipped: shared-writes, lb-reaches-all, "
                + "cross-replica-state (4 replicas");
        Cli.process(120, "docker", "compose", "-p", "scalecheck-compose", "-f", EXAMPLE.resolve("docker-compose.yml").toString(),
                "down", "-v", "--remove-orphans");
    }

    @Test
    void writesByExecIntoTheSharedVolumeFromEveryReplica(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(Cli.process(600, "make", "-C", EXAMPLE.toString(), "prepare").code()).isZero();
        String example = Files.readString(EXAMPLE.resolve("scalecheck.yml"))
                .replace("files: [docker-compose.yml]", "files: [" + EXAMPLE.resolve("docker-compose.yml") + "]");
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), example + "probes:\n  writes: { dataDir: /app/data }\n");
        Cli.Outcome run = Cli.process(600, localImages(), "java", "-jar", Cli.jar(), "run", "-f", spec.toString());
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("(?m)^PASS +shared-writes +4 replicas each wrote a token to the shared data "
                + "directory; all 16 cross-reads returned it intact");
    }

    @Test
    void aReplicaDockerCallsUnhealthyIsNotReadyEvenWhenItsEndpointAnswers(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThat(Cli.process(600, "make", "-C", EXAMPLE.toString(), "prepare").code()).isZero();
        Path override = Files.writeString(dir.resolve("broken-healthcheck.yml"), """
                services:
                  api:
                    healthcheck:
                      test: ["CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:7777/api/health/nope"]
                      interval: 1s
                      retries: 2
                      start_period: 1s
                """);
        String example = Files.readString(EXAMPLE.resolve("scalecheck.yml"))
                .replace("files: [docker-compose.yml]", "files: [" + EXAMPLE.resolve("docker-compose.yml") + ", " + override + "]")
                .replace("timeout: 120s", "timeout: 25s");
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), example);
        Cli.Outcome run = Cli.process(600, localImages(), "java", "-jar", Cli.jar(), "run", "-f", spec.toString());
        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).as("the two files are linted merged, as compose merges them").contains("lint: no findings");
        assertThat(run.output()).containsPattern("(?m)^FAIL +replicas-healthy +api-\\d(, api-\\d)* not ready after 25.0 s "
                + "\\(GET /api/health/ready "
                + "answered 200, but Docker health is 'unhealthy' \\(last healthcheck: exit 22, curl: \\(22\\) .*404");
    }

    private static java.util.Map<String, String> localImages() throws Exception {
        return Cli.process(60, "docker", "image", "inspect", "local/jre17").code() == 0
                ? java.util.Map.of("DB_IMAGE", "local/mariadb", "JRE_IMAGE", "local/jre17", "HAPROXY_IMAGE", "local/haproxy")
                : java.util.Map.of();
    }

    /** The scenarios of the local backend pass on compose too: docker stop, kill, start and restart, HAProxy's own health checks. */
    @Test
    void everyScenarioPassesOnTheExample() throws Exception {
        Cli.Outcome outcome = Cli.process(900, "make", "-C", EXAMPLE.toString(), "test-scaling",
                "SCENARIOS=kill-lock-holder rolling-restart replica-crash db-restart");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .containsPattern("(?m)^PASS +kill-lock-holder +api-1 was killed [0-9.]+ m?s after its start, holding ")
                .containsPattern("(?m)^PASS +rolling-restart +restarted 4 replicas one at a time under \\d+ requests: 0 failed")
                .containsPattern("(?m)^PASS +replica-crash +killed api-4 under load: ")
                .containsPattern("(?m)^PASS +db-restart +every replica was ready for writes again within ")
                .contains("SCALING TEST PASSED, 14 checks (4 replicas");
    }

    static Stream<Arguments> scenarioFaults() {
        return Stream.of(
                Arguments.of("no-drain", "rolling-restart", "\\d+ of \\d+ requests failed: \\d+ while restarting api-\\d"),
                Arguments.of("stale-lock", "kill-lock-holder", "api-\\d did not become ready within .* after api-1 was killed holding"));
    }

    @ParameterizedTest(name = "FAULT={0} fails {1}")
    @MethodSource("scenarioFaults")
    void eachScenarioFaultFailsItsScenarioAsOnTheLocalBackend(String fault, String scenario, String reason) throws Exception {
        Cli.Outcome outcome = Cli.process(900, "make", "-C", EXAMPLE.toString(), "test-scaling", "FAULT=" + fault,
                "SCENARIOS=" + scenario);
        assertThat(outcome.code()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +" + scenario + " +" + reason);
        assertThat(outcome.output()).containsPattern("(?m)^SCALING TEST FAILED, 1 of 11 checks failed");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("no-lock", "single-migration"),
                Arguments.of("keep-lock", "lock-released"),
                Arguments.of("serial-lock", "parallel-startup"),
                Arguments.of("memory-state", "cross-replica-state"),
                Arguments.of("readonly-data", "shared-writes"),
                Arguments.of("slow-start", "startup-budget"),
                Arguments.of("big-pool", "connection-headroom"));
    }

    @ParameterizedTest(name = "FAULT={0} fails {1}")
    @MethodSource("faults")
    void eachFaultFailsTheSameCheckAsOnTheLocalBackend(String fault, String check) throws Exception {
        Cli.Outcome outcome = Cli.process(600, "make", "-C", EXAMPLE.toString(), "test-scaling", "FAULT=" + fault);
        assertThat(outcome.code()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +" + check + " +\\S");
        assertThat(outcome.output()).containsPattern("(?m)^SCALING TEST FAILED, \\d+ of 10 checks failed");
    }
}
