package dev.scalecheck.reports;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.run.ReplicaTimeline;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed report of 4 replicas that queued on the migration lock (serial-lock), with one check failing. */
final class Reports {
    static final Instant T0 = Instant.parse("2026-02-01T14:00:00Z");

    private Reports() {
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static RunReport serialLock() {
        List<ReplicaTimeline> timelines = new ArrayList<>();
        List<ReplicaHealth> health = new ArrayList<>();
        List<LogLine> logs = new ArrayList<>();
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            String id = "api-" + i;
            double acquired = 1.5 + 4 * (i - 1);
            timelines.add(new ReplicaTimeline(id, T0, at(1.0), i == 1 ? null : at(1.2), at(acquired), i == 1 ? at(acquired + 0.5) : null,
                    i == 1 ? null : at(acquired + 0.5), at(acquired + 4), at(acquired + 4.1), null));
            health.add(new ReplicaHealth(id, T0, at(acquired + 4.2), "200 {\"status\":\"ready\"}", null, 5));
            logs.add(new LogLine(at(acquired + 4.1), id, LogLine.Stream.STDOUT, "Ready on port " + (40000 + i)));
            distribution.put(id, 10);
        }
        List<CheckResult> results = List.of(
                CheckResult.pass("replicas-healthy", "4 of 4 replicas ready on their own /api/health/ready (slowest api-4 in 17.8 s)",
                        List.of("api-1 ready in 5.7 s")),
                CheckResult.fail("parallel-startup", List.of("start-up spread 12.0 s across 4 replicas (ready marker) exceeds 5s; "
                        + "largest gap 4.0 s between api-1 and api-2: replicas started one after another",
                        "api-2 at +4.0 s (gap 4.0 s), waited for the migration lock"), List.of()),
                CheckResult.error("connection-headroom", "max_connections unknown: <probe> & \"quotes\""),
                CheckResult.skipped("cross-replica-state", "the spec has no probes.state"));
        List<StepResult> steps = List.of(new StepResult(1, 7, "Resetting the environment", Duration.ofMillis(12), true, "new directory"),
                new StepResult(3, 7, "Starting 4 replicas at once", Duration.ofMillis(1500), true, "4 started"));
        return new RunReport("0badc0de", "local", "api", 4, T0, Duration.ofMillis(27_400), steps, health, results, timelines,
                40, distribution, logs, null);
    }
}
