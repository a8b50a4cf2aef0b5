package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm example end to end through its Makefile on a real 3-node Docker Swarm (the lab of
 * scripts/swarm-lab.sh: three dockerd nodes in containers). One lab for the whole class: it is
 * brought up first and taken down last, and nothing labelled swarmlab=1 may be left. Each run
 * keeps the lab (KEEP=1) and removes its own stack. Without an engine these tests are skipped
 * with the reason, unless SCALECHECK_REQUIRE_DOCKER=1 (CI), which turns the skip into a failure.
 */
class SwarmExampleIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/swarm");

    @BeforeAll
    static void bringUpTheLab() throws Exception {
        Docker.require();
        Cli.Outcome up = Cli.process(900, "make", "-C", EXAMPLE.toString(), "lab-up");
        assertThat(up.code()).as(up.output()).isZero();
    }

    @AfterAll
    static void takeDownTheLabLeavingNothing() throws Exception {
        Cli.Outcome down = Cli.process(300, ROOT.resolve("scripts/swarm-lab.sh").toString(), "down");
        assertThat(down.code()).as(down.output()).isZero();
        for (String kind : new String[] {"ps --all", "volume ls", "network ls"}) {
            String[] words = (kind + " --quiet --filter label=swarmlab=1").split(" ");
            String[] command = new String[words.length + 1];
            command[0] = "docker";
            System.arraycopy(words, 0, command, 1, words.length);
            assertThat(Cli.process(60, java.util.Map.of(), command).output()).as(kind + " of the lab").isBlank();
        }
    }

    private static Cli.Outcome testScaling(String... variables) throws Exception {
        String[] command = new String[5 + variables.length];
        command[0] = "make";
        command[1] = "-C";
        command[2] = EXAMPLE.toString();
        command[3] = "test-scaling";
        command[4] = "KEEP=1";
        System.arraycopy(variables, 0, command, 5, variables.length);
        return Cli.process(600, command);
    }

    @Test
    void passesAtFourReplicasSpreadOverTheNodesAndRecoversFromANodeLoss(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        Cli.Outcome outcome = testScaling("SCENARIOS=node-loss", "SCALECHECK_ARGS=--json " + json);
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .containsPattern("(?m)^\\[1/8\\] Resetting the environment\\.\\.\\. stack rm of 'scalecheck-example' .*cluster: 3 nodes "
                        + "\\(node1 manager, node2, node3\\)")
                .containsPattern("(?m)^PASS +lb-reaches-all +40 requests through http://172.30.77.11:8080/api/health, 0 errors, "
                        + "every ready replica answered: api-1 \\d+, api-2 \\d+, api-3 \\d+, api-4 \\d+")
                .containsPattern("(?m)^PASS +shared-writes +4 replicas each wrote a token to the shared data directory")
                .containsPattern("(?m)^PASS +replicas-spread +4 replicas on [23] of 3 nodes \\(")
                .containsPattern("(?m)^PASS +node-loss +stopped node[23] \\(api-\\d(, api-\\d)*\\) under load: all 4 replicas ready "
                        + "again [0-9.]+ m?s after; .*no migration lock held afterwards")
                .containsPattern("(?m)^nodes +api-1 on node\\d, api-2 on node\\d, api-3 on node\\d, api-4 on node\\d$")
                .contains("SCALING TEST PASSED, 12 checks (4 replicas");
        JsonNode timelines = new ObjectMapper().readTree(Files.readString(json)).path("run").path("timelines");
        Set<String> nodes = new TreeSet<>();
        timelines.forEach(t -> nodes.add(t.path("node").asText()));
        assertThat(timelines).hasSize(4);
        assertThat(nodes).as("the nodes of the replicas in the JSON").hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n.matches("node[123]"));
    }

    @Test
    void aMigrationLockNeverReleasedFailsLockReleased() throws Exception {
        Cli.Outcome outcome = testScaling("FAULT=keep-lock");
        assertThat(outcome.code()).as(outcome.output()).isNotZero(); // make exits 2 on any failed recipe
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +lock-released +user lock 'demo_migration' still held by connection \\d+ "
                + "of api-\\d after start-up");
    }

    @Test
    void aLocalVolumeOnEachNodeFailsSharedWritesWithTheReason() throws Exception {
        Cli.Outcome outcome = testScaling("APPDATA=appdata");
        assertThat(outcome.code()).as(outcome.output()).isNotZero(); // make exits 2 on any failed recipe
        assertThat(outcome.output()).containsPattern("(?m)^FAIL +shared-writes +the data directory is not shared across nodes: the volume "
                + "'scalecheck-example_appdata' at /app/data has the local driver: each node creates its own")
                .containsPattern("(?m)^SCALING TEST FAILED, 1 of 11 checks failed");
    }
}
