package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.orchestrator.Cluster;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * On a platform of several hosts: the replicas run on at least two of them when the cluster
 * has two or more that can take replicas, so that losing one host does not lose every replica.
 * When they do not, says what placed them so: the service's constraints, its reservations, a
 * per-host limit, hosts that are down or drained, the platform's own placement errors.
 */
public final class ReplicasSpreadCheck implements Check {
    public static final String ID = "replicas-spread";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        Cluster cluster = evidence.cluster();
        if (cluster == null) {
            return CheckResult.skipped(ID, "the replicas run on one machine (orchestrator " + evidence.spec().orchestrator()
                    + "); it applies to orchestrator swarm");
        }
        Map<String, List<String>> byNode = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            if (replica.node() == null) {
                unknown.add(replica.id());
            } else {
                byNode.computeIfAbsent(replica.node(), n -> new ArrayList<>()).add(replica.id());
            }
        }
        String spread = byNode.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        List<String> facts = new ArrayList<>(List.of("replicas by node: " + (spread.isEmpty() ? "none" : spread),
                "nodes that can take replicas: " + String.join(", ", cluster.nodes())));
        if (!cluster.unavailable().isEmpty()) {
            facts.add("nodes that cannot: " + String.join(", ", cluster.unavailable()));
        }
        if (!unknown.isEmpty()) {
            return CheckResult.error(ID, "the platform did not say which node runs " + String.join(", ", unknown));
        }
        int wanted = Math.min(2, Math.min(cluster.nodes().size() + cluster.unavailable().size(), evidence.replicas().size()));
        if (byNode.size() >= wanted) {
            return CheckResult.pass(ID, evidence.replicas().size() + " replicas on " + byNode.size() + " of "
                    + (cluster.nodes().size() + cluster.unavailable().size()) + " nodes (" + spread + ")", facts);
        }
        List<String> causes = new ArrayList<>();
        if (!cluster.constraints().isEmpty()) {
            causes.add("placement constraints " + String.join(" and ", cluster.constraints()));
        }
        if (!cluster.reservations().isEmpty()) {
            causes.add("each replica reserves " + cluster.reservations());
        }
        if (cluster.maxPerNode() != null) {
            causes.add("at most " + cluster.maxPerNode() + " per node");
        }
        if (cluster.nodes().size() < 2) {
            causes.add("only " + cluster.nodes().size() + " node can take replicas"
                    + (cluster.unavailable().isEmpty() ? "" : " (" + String.join(", ", cluster.unavailable()) + ")"));
        }
        causes.addAll(cluster.taskErrors());
        String summary = "all " + evidence.replicas().size() + " replicas run on one node (" + spread + ") although the cluster has "
                + (cluster.nodes().size() + cluster.unavailable().size()) + " nodes; "
                + (causes.isEmpty() ? "the scheduler placed them so with no constraint, reservation or error on record"
                        : "placed so by: " + String.join("; ", causes));
        return CheckResult.fail(ID, summary, causes, facts);
    }
}
