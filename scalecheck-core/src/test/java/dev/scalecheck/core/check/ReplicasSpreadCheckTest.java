package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.orchestrator.Cluster;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicasSpreadCheckTest {
    private final Check check = new ReplicasSpreadCheck();

    private static Evidence on(Cluster cluster, String... nodes) {
        Evidence e = Fixtures.healthyEvidence();
        List<Replica> replicas = e.replicas().stream().limit(nodes.length)
                .map(r -> new Replica(r.index(), r.id(), r.address(), r.startedAt(), nodes[r.index() - 1])).toList();
        return new Evidence(e.spec(), e.markers(), replicas, e.health(), e.logs(), e.database(), e.writes(), e.loadBalancer(),
                e.state(), cluster);
    }

    private static Cluster threeNodes(List<String> constraints, String reservations, List<String> errors) {
        return new Cluster(List.of("node1", "node2", "node3"), List.of(), constraints, reservations, null, errors, null);
    }

    @Test
    void passesWhenTheReplicasRunOnTwoOrMoreNodes() {
        CheckResult result = check.evaluate(on(threeNodes(List.of(), "", List.of()), "node2", "node3", "node1", "node2"));
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("4 replicas on 3 of 3 nodes (node1: api-3; node2: api-1, api-4; node3: api-2)");
    }

    @Test
    void failsNamingTheConstraintThatPutEveryReplicaOnOneNode() {
        CheckResult result = check.evaluate(on(threeNodes(List.of("node.role == manager"), "", List.of()),
                "node1", "node1", "node1", "node1"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("all 4 replicas run on one node (node1: api-1, api-2, api-3, api-4) although the "
                + "cluster has 3 nodes; placed so by: placement constraints node.role == manager");
    }

    @Test
    void failsNamingReservationsAndNodesThatCannotTakeReplicas() {
        Cluster cluster = new Cluster(List.of("node1"), List.of("node2 (Down, Active)", "node3 (Ready, Drain)"), List.of(),
                "2.00 CPUs", null, List.of("api-4: pending (no suitable node (insufficient resources on 1 node))"), null);
        CheckResult result = check.evaluate(on(cluster, "node1", "node1", "node1", "node1"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.details()).containsExactly("each replica reserves 2.00 CPUs",
                "only 1 node can take replicas (node2 (Down, Active), node3 (Ready, Drain))",
                "api-4: pending (no suitable node (insufficient resources on 1 node))");
    }

    @Test
    void passesOnAClusterOfOneNode() {
        Cluster one = new Cluster(List.of("node1"), List.of(), List.of(), "", null, List.of(), null);
        assertThat(check.evaluate(on(one, "node1", "node1")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void isSkippedOnOneMachineSayingWhereItApplies() {
        CheckResult result = check.evaluate(Fixtures.healthyEvidence());
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).endsWith("it applies to orchestrator swarm");
    }

    @Test
    void sharedWritesFailsOnAPerNodeLocalVolumeEvenWhenEveryReadSucceeded() {
        Cluster cluster = new Cluster(List.of("node1", "node2", "node3"), List.of(), List.of(), "", null, List.of(),
                "the volume 'x_appdata' at /app/data has the local driver: each node creates its own");
        Evidence e = on(cluster, "node1", "node1", "node1", "node1");
        Evidence allReadsSucceeded = new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), e.logs(), e.database(),
                Fixtures.writes(4), e.loadBalancer(), e.state(), cluster);
        CheckResult result = new SharedWritesCheck().evaluate(allReadsSucceeded);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the data directory is not shared across nodes: the volume 'x_appdata' at "
                + "/app/data has the local driver: each node creates its own");
    }
}
