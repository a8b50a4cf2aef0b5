package dev.scalecheck.core.run;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One replica's start-up as the reports draw it: each moment is null when its marker never
 * appeared. {@code lockWait} is when it began waiting for another replica's lock; {@code migrated}
 * when it finished applying migrations itself; {@code upToDate} when it found nothing to apply.
 * {@code node} is the host the replica ran on where the platform spreads them (swarm), else null.
 */
public record ReplicaTimeline(String replica, Instant started, Instant startup, Instant lockWait, Instant lockAcquired,
        Instant migrated, Instant upToDate, Instant lockReleased, Instant ready, Integer exitCode, String node) {

    /** A replica on the run's one machine. */
    public ReplicaTimeline(String replica, Instant started, Instant startup, Instant lockWait, Instant lockAcquired,
            Instant migrated, Instant upToDate, Instant lockReleased, Instant ready, Integer exitCode) {
        this(replica, started, startup, lockWait, lockAcquired, migrated, upToDate, lockReleased, ready, exitCode, null);
    }

    static List<ReplicaTimeline> of(Evidence evidence) {
        return evidence.replicas().stream().map(replica -> of(evidence, replica)).toList();
    }

    private static ReplicaTimeline of(Evidence evidence, Replica replica) {
        String id = replica.id();
        Optional<ReplicaHealth> health = evidence.health(id);
        Instant applied = at(evidence, id, Markers.Kind.APPLIED);
        if (applied == null) {
            applied = evidence.markers(id, Markers.Kind.MIGRATING).stream().map(LogLine::at).reduce((a, b) -> b).orElse(null);
        }
        Instant ready = at(evidence, id, Markers.Kind.READY);
        if (ready == null) {
            ready = health.map(ReplicaHealth::readyAt).orElse(null);
        }
        return new ReplicaTimeline(id, replica.startedAt(), at(evidence, id, Markers.Kind.STARTUP),
                at(evidence, id, Markers.Kind.LOCK_WAIT), at(evidence, id, Markers.Kind.LOCK_ACQUIRED),
                applied, at(evidence, id, Markers.Kind.UP_TO_DATE), at(evidence, id, Markers.Kind.LOCK_RELEASED), ready,
                health.map(ReplicaHealth::exitCode).orElse(null), replica.node());
    }

    private static Instant at(Evidence evidence, String replica, Markers.Kind kind) {
        return evidence.firstMarker(replica, kind).map(LogLine::at).orElse(null);
    }
}
