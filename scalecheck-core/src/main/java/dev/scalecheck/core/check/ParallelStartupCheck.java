package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
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
        List<String> exited = new ArrayList<>();
        String source = null;
        if (evidence.replicas().size() < 2) {
            return CheckResult.skipped(ID, "one replica: there is no start-up spread to measure");
        }
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
                } else if (health != null && health.exitCode() != null) {
                    exited.add(replica.id());
                } else {
                    unmarked.add(replica.id());
                }
            }
        }
        if (!unmarked.isEmpty() && !marks.isEmpty()) {
            return CheckResult.fail(ID, Timeline.names(unmarked) + " still starting after " + Timeline.seconds(evidence.spec().health()
                    .timeout()) + " while " + Timeline.names(marks.stream().map(Map.Entry::getKey).toList())
                    + " finished: the start-up spread exceeds " + DurationText.format(maxSpread), List.of(), List.of());
        }
        if (marks.size() < 2) {
            return CheckResult.skipped(ID, "not judged: " + (marks.isEmpty() ? "no replica" : "only " + marks.get(0).getKey())
                    + " finished start-up, so there is no spread to measure (replicas-healthy says why)");
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
        String measured = "start-up spread " + Timeline.seconds(spread) + " across " + Words.count(marks.size(), "replica") + " ("
                + source + ")";
        if (spread.compareTo(maxSpread) > 0) {
            return CheckResult.fail(ID, measured + " exceeds " + DurationText.format(maxSpread) + "; largest gap "
                    + largestGapText + ": replicas started one after another", timeline, List.of());
        }
        return CheckResult.pass(ID, measured + " within " + DurationText.format(maxSpread)
                + (exited.isEmpty() ? "" : "; not counted, exited before ready: " + Timeline.names(exited)), timeline);
    }
}
