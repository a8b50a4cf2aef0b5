package dev.scalecheck.core.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one result model every renderer reads; {@link #SCHEMA_VERSION} versions its JSON form
 * (docs/report-schema.json).
 *
 * @param environmentError set when a step could not be carried out (database would not start, ...); the checks then did not run
 * @param timelines each replica's start-up moments, for the reports' timelines
 * @param balancerRequests how many requests went through the load balancer, or null when none was sent
 * @param balancerDistribution answers per replica through the load balancer, as far as they could be attributed
 * @param logs every replica's log lines
 */
@JsonIgnoreProperties(value = {"passed", "failed", "skipped"}, allowGetters = true)
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
        List<ReplicaTimeline> timelines,
        Integer balancerRequests,
        Map<String, Integer> balancerDistribution,
        List<LogLine> logs,
        String environmentError) {

    public static final int SCHEMA_VERSION = 1;

    public RunReport {
        steps = List.copyOf(steps);
        health = List.copyOf(health);
        results = List.copyOf(results);
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
        balancerDistribution = balancerDistribution == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(balancerDistribution));
        logs = List.copyOf(logs);
    }

    @JsonProperty("failed")
    public long failed() {
        return results.stream().filter(r -> r.status() == Status.FAIL || r.status() == Status.ERROR).count();
    }

    /** The checks that were not judged, each with its reason in its summary. */
    @JsonProperty("skipped")
    public List<String> skipped() {
        return results.stream().filter(r -> r.status() == Status.SKIPPED).map(CheckResult::id).toList();
    }

    /** No environment error, no check failed, and at least one check was judged: a run that judged nothing proves nothing. */
    @JsonProperty("passed")
    public boolean passed() {
        return environmentError == null && failed() == 0 && results.stream().anyMatch(r -> r.status() == Status.PASS);
    }
}
