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
 * @param markers the log markers in force: the spec's, else the migration tool's, else none
 * @param health each replica's readiness, by replica id, in replica order
 * @param logs every replica's lines, ANSI colour codes stripped
 * @param cluster where the platform could place the replicas, when it spreads them over hosts; else null
 */
public record Evidence(
        Spec spec,
        Markers markers,
        List<Replica> replicas,
        Map<String, ReplicaHealth> health,
        List<LogLine> logs,
        DatabaseState database,
        SharedWrites writes,
        LoadBalancerTraffic loadBalancer,
        StateProbe state,
        dev.scalecheck.core.orchestrator.Cluster cluster) {

    /** Evidence of a run on one machine. */
    public Evidence(Spec spec, Markers markers, List<Replica> replicas, Map<String, ReplicaHealth> health, List<LogLine> logs,
            DatabaseState database, SharedWrites writes, LoadBalancerTraffic loadBalancer, StateProbe state) {
        this(spec, markers, replicas, health, logs, database, writes, loadBalancer, state, null);
    }

    public Evidence {
        markers = markers == null ? Markers.none() : markers;
        replicas = List.copyOf(replicas);
        health = Map.copyOf(health);
        logs = logs.stream().map(LogLine::plain).toList();
    }

    public Optional<ReplicaHealth> health(String replicaId) {
        return Optional.ofNullable(health.get(replicaId));
    }

    public List<LogLine> logsOf(String replicaId) {
        return logs.stream().filter(line -> line.replica().equals(replicaId)).toList();
    }

    /** A replica's lines that match the marker of this kind, in order. */
    public List<LogLine> markers(String replicaId, Markers.Kind kind) {
        return logsOf(replicaId).stream().filter(line -> markers.matches(kind, line.text())).toList();
    }

    public Optional<LogLine> firstMarker(String replicaId, Markers.Kind kind) {
        return markers(replicaId, kind).stream().findFirst();
    }

    /** The replicas that became ready. */
    public List<Replica> ready() {
        return replicas.stream().filter(r -> health(r.id()).map(ReplicaHealth::ready).orElse(false)).toList();
    }
}
