package dev.scalecheck.core.scenario;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DurationText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SIGKILLs one replica under load, as a crash or the OOM killer does. Requests fail until the
 * load balancer stops routing to it: that count and time are reported, and they must end. No
 * acknowledged write may be lost. The replica is started again afterwards.
 */
final class ReplicaCrash implements Scenario {
    static final String ID = "replica-crash";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "SIGKILL one replica under load: the load balancer stops routing to it within "
                + DurationText.format(Outage.NOTICE) + " (the failed requests until then are reported) and 0 acknowledged writes are lost";
    }

    @Override
    public CheckResult run(ScenarioContext context) throws InterruptedException {
        Optional<String> unavailable = Workload.unavailable(context.spec());
        if (unavailable.isPresent()) {
            return CheckResult.skipped(ID, unavailable.get());
        }
        List<Replica> replicas = context.replicas();
        Replica victim = replicas.get(replicas.size() - 1);
        String afterKill = "after " + victim.id() + " was killed";
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Workload workload = context.startWorkload(RollingRestart.CALM);
        History history;
        Instant killed;
        boolean noticed;
        try {
            context.baseline();
            workload.phase(afterKill);
            killed = context.clock().instant();
            context.deployment().killReplica(victim);
            noticed = Outage.awaitNoticed(context, workload, killed);
            workload.phase("while " + victim.id() + " starts again");
            Replica again = context.deployment().startAgain(victim);
            context.replace(again);
            ReplicaHealth health = context.awaitReady(List.of(again)).get(again.id());
            if (health.ready()) {
                context.awaitRouted(again);
            } else {
                problems.add(again.id() + " did not become ready again within "
                        + DurationText.format(context.spec().health().timeout()) + " of its restart: " + Verdicts.why(health));
            }
        } finally {
            history = workload.stop();
        }
        Outage outage = Outage.of(history, workload, afterKill, killed);
        String failures = outage.failures("until the load balancer stopped routing to it");
        if (!noticed) {
            problems.add(0, "the load balancer still sent requests to " + victim.id() + " " + DurationText.format(Outage.NOTICE)
                    + " after it was killed: " + outage.failuresUnnoticed());
        }
        List<ReadBack.Lost> lost = ReadBack.lost(history, context.headers());
        Verdicts.lost(lost, history, problems, details);
        List<Operation> others = history.failed().stream().filter(op -> !op.phase().equals(afterKill)).toList();
        if (!others.isEmpty()) {
            details.add("failed at other times: " + String.join("; ", History.failuresByPhase(others)));
        }
        details.add(0, "after the kill " + History.latencies(history.in(afterKill::equals)) + " (calm: "
                + History.latencies(history.in(RollingRestart.CALM::equals)) + ")");
        List<String> evidence = Verdicts.workloadEvidence(context, history, "", rule());
        return Verdicts.judged(ID, problems, details, evidence, "killed " + victim.id() + " under load: " + failures + "; all "
                + history.acknowledged().size() + " acknowledged writes read back");
    }
}
