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
import java.util.Map;
import java.util.Optional;

/**
 * On a platform of several hosts: stops a host that runs replicas (not the database's) while
 * requests go through the load balancer. The platform must put all N replicas back on the
 * hosts left, each ready again; the requests that failed until the load balancer noticed are
 * counted, no acknowledged write may be lost, and no migration lock may be left held (a replica
 * that died on the lost host must not strand it). The host is started again afterwards.
 */
final class NodeLoss implements Scenario {
    static final String ID = "node-loss";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "stop a host that runs replicas, under load: all N replicas are ready again on the hosts left within the "
                + "health timeout, the load balancer stops routing to the lost ones within " + DurationText.format(Outage.NOTICE)
                + " (the failed requests until then are reported), 0 acknowledged writes are lost and no migration lock is left held";
    }

    @Override
    public CheckResult run(ScenarioContext context) throws InterruptedException {
        Optional<String> unavailable = Workload.unavailable(context.spec());
        if (unavailable.isEmpty()) {
            unavailable = context.deployment().cannotLoseNode();
        }
        if (unavailable.isPresent()) {
            return CheckResult.skipped(ID, unavailable.get());
        }
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Workload workload = context.startWorkload(RollingRestart.CALM);
        History history;
        Instant stopped;
        String node = null;
        List<Replica> lost;
        boolean noticed;
        Duration recovered = null;
        String lostPhase = "after a node was stopped";
        try {
            context.baseline();
            workload.phase(lostPhase);
            stopped = context.clock().instant();
            node = context.deployment().stopNode(context.replicas());
            String gone = node;
            lost = context.replicas().stream().filter(r -> gone.equals(r.node())).toList();
            Duration stopTook = context.since(stopped);
            noticed = Outage.awaitNoticed(context, workload, stopped);
            workload.phase("while the platform replaces the lost replicas");
            List<Replica> again = context.startAgain(lost);
            Map<String, ReplicaHealth> health = context.awaitReady(again);
            List<String> notReady = new ArrayList<>();
            health.forEach((id, h) -> {
                if (!h.ready()) {
                    notReady.add(id + ": " + Verdicts.why(h));
                }
            });
            if (notReady.isEmpty()) {
                recovered = context.since(stopped);
                for (Replica replica : again) {
                    context.awaitRouted(replica);
                }
            } else {
                problems.add(Words.count(notReady.size(), "replica") + " of " + node + " did not become ready again within "
                        + DurationText.format(context.spec().health().timeout()) + ": " + String.join("; ", notReady));
            }
            details.add(node + " stopped in " + Verdicts.seconds(stopTook) + "; its replicas " + ids(lost) + " now run on "
                    + String.join(", ", again.stream().map(r -> r.id() + " on " + r.node()).toList()));
        } finally {
            history = workload.stop();
            if (node != null) {
                context.deployment().startNode(node, Deadline.after(context.spec().health().timeout(), context.clock()));
            }
        }
        List<String> held = context.collector().heldLocks(context.database(), context.replicas()).stream()
                .filter(KillLockHolder.migrationLock(context.spec())).toList();
        if (!held.isEmpty()) {
            problems.add("a migration lock is still held after the node loss: " + String.join("; ", held));
        }
        Outage outage = Outage.of(history, workload, lostPhase, stopped);
        String failures = outage.failures("until the load balancer noticed");
        if (!noticed) {
            problems.add(0, "the load balancer still sent requests to " + node + "'s replicas " + DurationText.format(Outage.NOTICE)
                    + " after it was stopped: " + outage.failuresUnnoticed());
        }
        List<ReadBack.Lost> lostWrites = ReadBack.lost(history, context.headers());
        Verdicts.lost(lostWrites, history, problems, details);
        List<Operation> others = history.failed().stream().filter(op -> !op.phase().equals(lostPhase)).toList();
        if (!others.isEmpty()) {
            details.add("failed at other times: " + String.join("; ", History.failuresByPhase(others)));
        }
        List<String> evidence = Verdicts.workloadEvidence(context, history, "", rule());
        return Verdicts.judged(ID, problems, details, evidence, "stopped " + node + " (" + ids(lost) + ") under load: all "
                + context.replicas().size() + " replicas ready again " + Verdicts.seconds(recovered == null ? Duration.ZERO : recovered)
                + " after; " + failures + "; no migration lock held afterwards; all " + history.acknowledged().size()
                + " acknowledged writes read back");
    }

    private static String ids(List<Replica> replicas) {
        return String.join(", ", replicas.stream().map(Replica::id).toList());
    }
}
