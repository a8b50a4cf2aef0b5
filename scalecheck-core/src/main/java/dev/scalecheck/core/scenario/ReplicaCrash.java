package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Deadline;
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
 * SIGKILLs one replica under load, as a crash or the OOM killer does. Requests fail until the
 * load balancer stops routing to it: that count and time are reported, and they must end. No
 * acknowledged write may be lost. The replica is started again afterwards.
 */
final class ReplicaCrash implements Scenario {
    static final String ID = "replica-crash";
    /** The load balancer has stopped routing to the dead replica once no request failed for this long. */
    static final Duration QUIET = Duration.ofSeconds(3);
    /** How long the load balancer may take to notice. */
    static final Duration NOTICE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "SIGKILL one replica under load: the load balancer stops routing to it within "
                + DurationText.format(NOTICE) + " (the failed requests until then are reported) and 0 acknowledged writes are lost";
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
            noticed = Deadline.after(NOTICE, context.clock()).poll(POLL, () -> {
                Instant quietSince = workload.lastFailureSince(killed).orElse(killed);
                return context.since(quietSince).compareTo(QUIET) >= 0 ? Optional.of(true) : Optional.empty();
            }).isPresent();
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
        List<Operation> failedAfterKill = history.in(afterKill::equals).stream().filter(op -> !op.acknowledged()).toList();
        Duration routed = failedAfterKill.isEmpty() ? Duration.ZERO
                : Duration.between(killed, workload.lastFailureSince(killed).orElse(killed));
        String failures = failedAfterKill.isEmpty() ? "no request failed"
                : Words.count(failedAfterKill.size(), "request") + " failed in the " + Verdicts.seconds(routed)
                        + " until the load balancer stopped routing to it (" + History.causes(failedAfterKill) + ")";
        if (!noticed) {
            problems.add(0, "the load balancer still sent requests to " + victim.id() + " " + DurationText.format(NOTICE)
                    + " after it was killed: " + failures.replace(" until the load balancer stopped routing to it", ""));
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
