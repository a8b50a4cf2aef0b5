package dev.scalecheck.core.orchestrator;

import java.util.List;

/**
 * Where the platform could place the replicas, for a platform of several hosts (swarm): what
 * the replicas-spread check needs to say why they did not spread.
 *
 * @param nodes the hosts that can take new replicas (Ready and Active), by name
 * @param unavailable the other hosts with their state, e.g. {@code node3 (Down, Active)}
 * @param constraints the service's placement constraints, e.g. {@code node.role == manager}
 * @param reservations the resources each replica reserves, e.g. {@code 2 CPUs, 512 MiB}; empty when none
 * @param maxPerNode the most replicas one host may run, or null when unlimited
 * @param taskErrors why the platform could not place or keep a replica, e.g. {@code api-3: pending (no suitable node ...)}
 * @param dataNotShared why the spec's data directory is not one directory shared by every host
 *     (a local volume on each node), or null when it can be
 */
public record Cluster(List<String> nodes, List<String> unavailable, List<String> constraints, String reservations,
        Integer maxPerNode, List<String> taskErrors, String dataNotShared) {
    public Cluster {
        nodes = List.copyOf(nodes);
        unavailable = List.copyOf(unavailable);
        constraints = List.copyOf(constraints);
        reservations = reservations == null ? "" : reservations;
        taskErrors = List.copyOf(taskErrors);
    }
}
