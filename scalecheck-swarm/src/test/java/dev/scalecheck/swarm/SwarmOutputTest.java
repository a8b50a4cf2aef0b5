package dev.scalecheck.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** On real output of the lab (see src/test/resources/swarm/README.md). */
class SwarmOutputTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = SwarmOutputTest.class.getResourceAsStream("/swarm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEachTaskOfServicePsWithItsSlotNodeAndState() throws IOException {
        List<Task> tasks = SwarmOutput.tasks(fixture("service-ps-cli28.ndjson"));
        assertThat(tasks).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(tasks).extracting(Task::node).containsExactly("node3", "node2", "node1", "node3");
        assertThat(tasks).allMatch(Task::running).allMatch(Task::desiredRunning);
        assertThat(tasks.get(0)).isEqualTo(new Task("pvh540m41x2jmo4j2htxdq90r", "scalecheck-example_api", 1, "node3", "Running",
                "running", ""));
    }

    @Test
    void tellsAReplacedTaskFromItsReplacementInTheSameSlot() throws IOException {
        List<Task> slot1 = SwarmOutput.tasks(fixture("service-ps-replaced-cli28.ndjson")).stream().filter(t -> t.slot() == 1).toList();
        assertThat(slot1).hasSize(2);
        Task replacement = slot1.stream().filter(Task::desiredRunning).findFirst().orElseThrow();
        Task killed = slot1.stream().filter(t -> !t.desiredRunning()).findFirst().orElseThrow();
        assertThat(replacement.state()).isEqualTo("starting");
        assertThat(replacement.ended()).isFalse();
        assertThat(killed.ended()).isTrue();
        assertThat(killed.describe()).isEqualTo("failed on node3 (task: non-zero exit (137))");
    }

    @Test
    void keepsTheSchedulersReasonForATaskNoNodeCanTake() throws IOException {
        Task pending = SwarmOutput.tasks(fixture("service-ps-no-suitable-node-cli28.ndjson")).get(0);
        assertThat(pending.node()).isEmpty();
        assertThat(pending.describe()).isEqualTo("pending (not assigned to a node) (no suitable node (insufficient resources on 3 nodes))");
    }

    @Test
    void readsNodesWithTheirRoleAndWhetherTheyCanTakeTasks() throws IOException {
        List<SwarmNode> nodes = SwarmOutput.nodes(fixture("node-ls-cli28.ndjson"));
        assertThat(nodes).extracting(SwarmNode::hostname).containsExactly("node1", "node2", "node3");
        assertThat(nodes).extracting(SwarmNode::manager).containsExactly(true, false, false);
        assertThat(nodes).allMatch(SwarmNode::schedulable);
        assertThat(new SwarmNode("x", "node3", "Down", "Active", false).schedulable()).isFalse();
        assertThat(new SwarmNode("x", "node3", "Ready", "Drain", false).schedulable()).isFalse();
    }

    @Test
    void splitsServiceLogsPerReplicaBySlotInTimeOrder() throws IOException {
        List<LogLine> lines = SwarmOutput.logs(fixture("service-logs-20.10.txt"), "api");
        Map<String, Long> perReplica = lines.stream().collect(Collectors.groupingBy(LogLine::replica, Collectors.counting()));
        assertThat(perReplica).containsExactlyInAnyOrderEntriesOf(Map.of("api-1", 6L, "api-2", 6L, "api-3", 25L, "api-4", 6L));
        assertThat(lines).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        LogLine first = lines.stream().filter(l -> l.replica().equals("api-2")).findFirst().orElseThrow();
        assertThat(first.at()).isEqualTo(Instant.parse("2026-12-06T04:16:00.786655111Z"));
        assertThat(first.text()).isEqualTo("2026-12-06T04:16:00.760784Z [api-2] Starting demo-api 0.1.0-SNAPSHOT");
    }

    @Test
    void readsServiceLogsWithTruncatedTaskIdsAndPaddingForTwoDigitSlots() {
        String output = "2026-11-27T19:19:10.480681779Z lab_api.3.5jjeqz44vw76@node3     | api slot=3 listening\n"
                + "2026-11-27T19:19:11.000000000Z lab_api.12.5jjeqz44vw77@node1    | api slot=12 listening\n"
                + "error from daemon in stream: node is down\n";
        assertThat(SwarmOutput.logs(output, "api")).extracting(LogLine::replica, LogLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api-3", "api slot=3 listening"),
                        org.assertj.core.groups.Tuple.tuple("api-12", "api slot=12 listening"));
    }

    @Test
    void aBindMountCanBeSharedAndANamedLocalVolumeIsNot() throws IOException {
        SwarmOutput.Placement bind = SwarmOutput.placement(fixture("task-template-bind.json"));
        assertThat(bind.mounts()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("bind");
            assertThat(m.notShared()).isNull();
        });
        SwarmOutput.Placement volume = SwarmOutput.placement(fixture("task-template-volume.json"));
        assertThat(volume.mounts()).singleElement().satisfies(m -> {
            assertThat(m.driver()).isEqualTo("local");
            assertThat(m.notShared()).startsWith("the volume 'scalecheck-example_appdata' at /app/data has the local driver");
        });
        SwarmOutput.Mount nfs = new SwarmOutput.Mount("volume", "x_data", "/data", "local", Map.of("type", "nfs", "o", "addr=10.0.0.5"));
        assertThat(nfs.notShared()).isNull();
    }

    @Test
    void judgesTheDataDirectoryByTheInnermostMountThatHoldsIt() throws IOException {
        SwarmOutput.Placement volume = SwarmOutput.placement(fixture("task-template-volume.json"));
        assertThat(SwarmOutput.dataNotShared("/app/data", volume)).contains("'scalecheck-example_appdata'");
        assertThat(SwarmOutput.dataNotShared("/app/data/uploads", volume)).contains("'scalecheck-example_appdata'");
        assertThat(SwarmOutput.dataNotShared("/app/database", volume))
                .isEqualTo("no mount backs the data directory /app/database: each replica writes into its own container's filesystem");
        assertThat(SwarmOutput.dataNotShared("/app/data", SwarmOutput.placement(fixture("task-template-bind.json")))).isNull();
        SwarmOutput.Placement nested = new SwarmOutput.Placement(List.of(), "", null, List.of(
                new SwarmOutput.Mount("volume", "x_data", "/app", "local", Map.of()),
                new SwarmOutput.Mount("bind", "/srv/shared", "/app/data", "", Map.of())));
        assertThat(SwarmOutput.dataNotShared("/app/data", nested)).isNull();
    }

    @Test
    void readsConstraintsAndReservationsOfTheTaskTemplate() throws IOException {
        SwarmOutput.Placement placement = SwarmOutput.placement(fixture("task-template-constraint-reservation.json"));
        assertThat(placement.constraints()).containsExactly("node.hostname==node9");
        assertThat(placement.reservations()).isEqualTo("64.00 CPUs");
        assertThat(placement.maxPerNode()).isNull();
        assertThat(SwarmOutput.placement(fixture("task-template-bind.json")).constraints()).isEmpty();
    }

    @Test
    void refusesOutputThatIsNotJsonNamingTheCommand() {
        assertThatThrownBy(() -> SwarmOutput.tasks("ID NAME IMAGE\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("docker service ps printed something that is not JSON: ID NAME IMAGE");
    }
}
