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
 * appeared. {@code lockWait} is when it began waiting for another replica's lock.
 */
public record ReplicaTimeline(String replica, Instant started, Instant startup, Instant lockWait, Instant lockAcquired,
        Instant migrated, Instant lockReleased, Instant ready, Integer exitCode) {

    static List<ReplicaTimeline> of(Evidence evidence) {
        return evidence.replicas().stream().map(replica -> of(evidence, replica)).toList();
    }

    private static ReplicaTimeline of(Evidence evidence, Replica replica) {
        Markers markers = evidence.spec().markers();
        List<LogLine> lines = evidence.logsOf(replica.id());
        Optional<ReplicaHealth> health = evidence.health(replica.id());
        Instant applied = first(lines, markers, Markers.Kind.APPLIED);
        Instant upToDate = first(lines, markers, Markers.Kind.UP_TO_DATE);
        Instant ready = first(lines, markers, Markers.Kind.READY);
        if (ready == null) {
            ready = health.map(ReplicaHealth::readyAt).orElse(null);
        }
        return new ReplicaTimeline(replica.id(), replica.startedAt(), first(lines, markers, Markers.Kind.STARTUP),
                first(lines, markers, Markers.Kind.LOCK_WAIT), first(lines, markers, Markers.Kind.LOCK_ACQUIRED),
                applied != null ? applied : upToDate, first(lines, markers, Markers.Kind.LOCK_RELEASED), ready,
                health.map(ReplicaHealth::exitCode).orElse(null));
    }

    private static Instant first(List<LogLine> lines, Markers markers, Markers.Kind kind) {
        return lines.stream().filter(line -> markers.matches(kind, line.text())).map(LogLine::at).findFirst().orElse(null);
    }
}
