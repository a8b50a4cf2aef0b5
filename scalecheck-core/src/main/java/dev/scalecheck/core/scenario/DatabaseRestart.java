package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.Words;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.StateRequests;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DurationText;
import dev.scalecheck.core.spec.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restarts the database under load. Every replica must be ready again, and take a write of its
 * own, within the health timeout of the database's return; no acknowledged write may be lost.
 * The requests that fail while the database is away are reported, not judged.
 */
final class DatabaseRestart implements Scenario {
    static final String ID = "db-restart";
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String AWAY = "while the database restarted";
    private static final String BACK = "after the database was back";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "restart the database under load: every replica is ready again and takes a write within the health timeout, "
                + "and 0 acknowledged writes are lost";
    }

    @Override
    public CheckResult run(ScenarioContext context) throws InterruptedException {
        Optional<String> unavailable = Workload.unavailable(context.spec());
        if (unavailable.isPresent()) {
            return CheckResult.skipped(ID, unavailable.get());
        }
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Workload workload = context.startWorkload(RollingRestart.CALM);
        History history;
        Duration away;
        Map<String, Duration> recovered;
        Map<String, String> lastAnswers = new LinkedHashMap<>();
        try {
            context.baseline();
            workload.phase(AWAY);
            Instant stopping = context.clock().instant();
            context.deployment().restartDatabase(Deadline.after(DATABASE_TIMEOUT, context.clock()));
            Instant back = context.clock().instant();
            away = Duration.between(stopping, back);
            workload.phase(BACK);
            recovered = awaitRecovery(context, back, lastAnswers);
            long sentAtRecovery = workload.sent();
            long second = context.spec().workload().rate();
            Deadline.after(Duration.ofSeconds(5), context.clock()).poll(POLL, () ->
                    workload.sent() >= sentAtRecovery + second ? Optional.of(true) : Optional.empty());
        } finally {
            history = workload.stop();
        }
        Duration timeout = context.spec().health().timeout();
        for (Replica replica : context.replicas()) {
            Duration took = recovered.get(replica.id());
            if (took == null) {
                problems.add(replica.id() + " was not ready for writes again within " + DurationText.format(timeout)
                        + " of the database's return: " + lastAnswers.getOrDefault(replica.id(), "no answer"));
            } else {
                details.add(replica.id() + ": ready and writing again " + Verdicts.seconds(took) + " after the database's return");
            }
        }
        List<ReadBack.Lost> lost = ReadBack.lost(history, context.headers());
        Verdicts.lost(lost, history, problems, details);
        List<Operation> failedAway = history.in(AWAY::equals).stream().filter(op -> !op.acknowledged()).toList();
        List<Operation> failedBack = history.in(BACK::equals).stream().filter(op -> !op.acknowledged()).toList();
        String outage = "the database was away " + Verdicts.seconds(away) + "; " + Words.count(failedAway.size(), "request")
                + " failed meanwhile" + (failedAway.isEmpty() ? "" : " (" + History.causes(failedAway) + ")")
                + (failedBack.isEmpty() ? "" : ", " + failedBack.size() + " after its return (" + History.causes(failedBack) + ")");
        details.add(0, outage);
        List<String> evidence = Verdicts.workloadEvidence(context, history,
                "each replica's readiness and a create sent to it directly after the restart", rule());
        return Verdicts.judged(ID, problems, details, evidence, "every replica was ready for writes again within "
                + Verdicts.seconds(recovered.values().stream().max(Duration::compareTo).orElse(Duration.ZERO))
                + " of the database's return; all " + history.acknowledged().size() + " acknowledged writes read back; " + outage);
    }

    /** Per replica: how long after the database's return it answered its readiness and took a create of its own. */
    private static Map<String, Duration> awaitRecovery(ScenarioContext context, Instant back, Map<String, String> lastAnswers)
            throws InterruptedException {
        Spec spec = context.spec();
        Spec.State probe = spec.probes().state();
        Map<String, Duration> recovered = new LinkedHashMap<>();
        List<Replica> replicas = context.replicas();
        Deadline.after(spec.health().timeout(), context.clock()).poll(POLL, () -> {
            for (Replica replica : replicas) {
                if (recovered.containsKey(replica.id())) {
                    continue;
                }
                HttpAnswer ready = context.deployment().request(replica, "GET", spec.health().path(), null,
                        context.headers().plain());
                if (!ready.ok()) {
                    lastAnswers.put(replica.id(), "readiness answered " + ready.describe());
                    continue;
                }
                HttpAnswer created = context.deployment().request(replica, "POST", probe.create(), probe.body(),
                        context.headers().forBody(StateRequests.contentType(probe)));
                if (created.ok()) {
                    recovered.put(replica.id(), Duration.between(back, context.clock().instant()));
                } else {
                    lastAnswers.put(replica.id(), "ready, but POST " + probe.create() + " answered " + created.describe());
                }
            }
            return recovered.size() == replicas.size() ? Optional.of(true) : Optional.empty();
        });
        return recovered;
    }
}
