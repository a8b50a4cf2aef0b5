package dev.scalecheck.core.evidence;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import dev.scalecheck.core.spec.Spec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything collected in one run; checks read it and do no I/O of their own.
 *
 * @param health each replica's readiness, by replica id, in replica order
 */
public record Evidence(
        Spec spec,
        List<Replica> replicas,
        Map<String, ReplicaHealth> health,
        List<LogLine> logs,
        DatabaseState database,
        SharedWrites writes,
        LoadBalancerTraffic loadBalancer,
        StateProbe state) {

    public Evidence {
        replicas = List.copyOf(replicas);
        health = Map.copyOf(health);
        logs = List.copyOf(logs);
    }

    public Optional<ReplicaHealth> health(String replicaId) {
        return Optional.ofNullable(health.get(replicaId));
    }

    public List<LogLine> logsOf(String replicaId) {
        return logs.stream().filter(line -> line.replica().equals(replicaId)).toList();
    }

    /** A replica's lines that match the spec's marker of this kind, in order. */
    public List<LogLine> markers(String replicaId, Markers.Kind kind) {
        return logsOf(replicaId).stream().filter(line -> spec.markers().matches(kind, line.text())).toList();
    }

    public Optional<LogLine> firstMarker(String replicaId, Markers.Kind kind) {
        return markers(replicaId, kind).stream().findFirst();
    }
}
