package dev.scalecheck.core.run;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one result model every renderer reads.
 *
 * @param environmentError set when a step could not be carried out (database would not start, ...); the checks then did not run
 * @param logs every replica's log lines, for the reports' timelines
 */
public record RunReport(
        String runId,
        String orchestrator,
        String service,
        int replicas,
        Instant startedAt,
        Duration duration,
        List<StepResult> steps,
        List<ReplicaHealth> health,
        List<CheckResult> results,
        List<LogLine> logs,
        String environmentError) {

    public RunReport {
        steps = List.copyOf(steps);
        health = List.copyOf(health);
        results = List.copyOf(results);
        logs = List.copyOf(logs);
    }

    public long failed() {
        return results.stream().filter(r -> r.status() == Status.FAIL || r.status() == Status.ERROR).count();
    }

    public boolean passed() {
        return environmentError == null && failed() == 0;
    }
}
