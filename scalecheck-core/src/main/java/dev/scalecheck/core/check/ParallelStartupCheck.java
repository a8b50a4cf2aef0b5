package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DurationText;
import dev.scalecheck.core.spec.Markers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEST-02: the replicas finished start-up within {@code maxSpread} of each other. A start-up
 * marker is the replica's ready marker (its log), else the moment its endpoint first answered.
 * Replicas that queue on a migration lock finish one after another: the gaps name them.
 */
final class ParallelStartupCheck implements Check {
    static final String ID = "parallel-startup";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        Duration maxSpread = evidence.spec().checks().parallelStartup().maxSpread();
        List<Map.Entry<String, Instant>> marks = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        String source = null;
        for (Replica replica : evidence.replicas()) {
            var marker = evidence.firstMarker(replica.id(), Markers.Kind.READY);
            if (marker.isPresent()) {
                marks.add(Map.entry(replica.id(), marker.get().at()));
                source = "ready marker";
            } else {
                ReplicaHealth health = evidence.health(replica.id()).orElse(null);
                if (health != null && health.ready()) {
                    marks.add(Map.entry(replica.id(), health.readyAt()));
                    source = source == null ? "first 2xx readiness answer" : source;
                } else {
                    unmarked.add(replica.id());
                }
            }
        }
        if (marks.size() < 2) {
            return CheckResult.error(ID, "only " + marks.size() + " replica(s) finished start-up"
                    + (unmarked.isEmpty() ? "" : "; never ready: " + Timeline.names(unmarked)) + "; cannot measure a spread");
        }
        marks.sort(Map.Entry.comparingByValue());
        Instant first = marks.get(0).getValue();
        Duration spread = Duration.between(first, marks.get(marks.size() - 1).getValue());
        List<String> timeline = new ArrayList<>();
        Map.Entry<String, Instant> previous = null;
        Duration largestGap = Duration.ZERO;
        String largestGapText = "";
        for (Map.Entry<String, Instant> mark : marks) {
            String line = mark.getKey() + " at +" + Timeline.between(first, mark.getValue());
            if (previous != null) {
                Duration gap = Duration.between(previous.getValue(), mark.getValue());
                line += " (gap " + Timeline.seconds(gap) + ")";
                if (gap.compareTo(largestGap) > 0) {
                    largestGap = gap;
                    largestGapText = Timeline.seconds(gap) + " between " + previous.getKey() + " and " + mark.getKey();
                }
            }
            if (evidence.firstMarker(mark.getKey(), Markers.Kind.LOCK_WAIT).isPresent()) {
                line += ", waited for the migration lock";
            }
            timeline.add(line);
            previous = mark;
        }
        String measured = "start-up spread " + Timeline.seconds(spread) + " across " + marks.size() + " replicas ("
                + source + ")";
        if (spread.compareTo(maxSpread) > 0) {
            return CheckResult.fail(ID, measured + " exceeds " + DurationText.format(maxSpread) + "; largest gap "
                    + largestGapText + ": replicas started one after another", timeline, List.of());
        }
        return CheckResult.pass(ID, measured + " within " + DurationText.format(maxSpread)
                + (unmarked.isEmpty() ? "" : "; never ready: " + Timeline.names(unmarked)), timeline);
    }
}
