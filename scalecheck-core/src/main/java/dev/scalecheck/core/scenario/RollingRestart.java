package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restarts the replicas one at a time under load, as a deploy does: SIGTERM, a new process or
 * the container started again, ready and back in the load balancer before the next. Not one
 * request may fail and no acknowledged write may go missing.
 */
final class RollingRestart implements Scenario {
    static final String ID = "rolling-restart";
    static final String CALM = "while calm";
    private static final String RESTARTING = "while restarting ";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "restart the replicas one at a time under load (SIGTERM, start again, wait until ready and routed): "
                + "0 failed requests and 0 acknowledged writes missing";
    }

    @Override
    public CheckResult run(ScenarioContext context) throws InterruptedException {
        Optional<String> unavailable = Workload.unavailable(context.spec());
        if (unavailable.isPresent()) {
            return CheckResult.skipped(ID, unavailable.get());
        }
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Workload workload = context.startWorkload(CALM);
        History history;
        try {
            context.baseline();
            for (Replica replica : context.replicas()) {
                workload.phase(RESTARTING + replica.id());
                Instant stopping = context.clock().instant();
                context.deployment().stopReplica(replica, context.spec().workload().stopGrace());
                Duration stopped = context.since(stopping);
                Replica again = context.deployment().startAgain(replica);
                context.replace(again);
                ReplicaHealth health = context.awaitReady(List.of(again)).get(again.id());
                if (!health.ready()) {
                    problems.add(again.id() + " did not become ready again within "
                            + DurationText.format(context.spec().health().timeout()) + " of its restart: "
                            + Verdicts.why(health));
                    break;
                }
                Duration ready = Duration.between(again.startedAt(), health.readyAt());
                boolean routed = context.awaitRouted(again);
                details.add(again.id() + ": stopped in " + Verdicts.seconds(stopped) + ", ready " + Verdicts.seconds(ready)
                        + " after its start"
                        + (routed ? ", routed again after " + Verdicts.seconds(context.since(health.readyAt())) : ""));
            }
            workload.phase("after the restart");
        } finally {
            history = workload.stop();
        }
        List<ReadBack.Lost> lost = ReadBack.lost(history, context.headers());
        List<Operation> during = history.in(phase -> phase.startsWith(RESTARTING));
        List<Operation> failed = history.failed();
        if (!failed.isEmpty()) {
            problems.add(0, failed.size() + " of " + Words.count(history.operations().size(), "request") + " failed: "
                    + String.join("; ", History.failuresByPhase(failed)));
        }
        Verdicts.lost(lost, history, problems, details);
        String figures = "during the restart " + History.latencies(during) + " (calm: "
                + History.latencies(history.in(CALM::equals)) + ")";
        details.add(0, figures);
        List<String> evidence = Verdicts.workloadEvidence(context, history, "", rule());
        return Verdicts.judged(ID, problems, details, evidence, "restarted " + Words.count(context.replicas().size(), "replica")
                + " one at a time under " + Words.count(history.operations().size(), "request") + ": 0 failed, all "
                + history.acknowledged().size() + " acknowledged writes read back; " + figures);
    }
}
