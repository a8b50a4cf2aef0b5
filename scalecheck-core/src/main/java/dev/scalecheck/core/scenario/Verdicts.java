package dev.scalecheck.core.scenario;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the scenarios word what they found. */
final class Verdicts {
    private Verdicts() {
    }

    /** FAIL with the first problem as summary (and a count of the rest), every problem then the figures as details; else PASS. */
    static CheckResult judged(String id, List<String> problems, List<String> details, List<String> evidence, String passed) {
        if (problems.isEmpty()) {
            return new CheckResult(id, Status.PASS, passed, details, evidence);
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(details);
        String summary = problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        return new CheckResult(id, Status.FAIL, summary, all, evidence);
    }

    /** Why a replica is not ready: how it ended, or its last answer. */
    static String why(ReplicaHealth health) {
        return health.exitCode() != null ? "it exited with code " + health.exitCode() + " (last answer: " + health.lastAnswer() + ")"
                : "its last answer was " + health.lastAnswer();
    }

    /** "1.9 s"; under a second "40 ms". */
    static String seconds(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** "3 of 1200 acknowledged writes missing afterwards: #12 (...): 404 (and 2 more)", the first 20 as details. */
    static void lost(List<ReadBack.Lost> lost, History history, List<String> problems, List<String> details) {
        if (lost.isEmpty()) {
            return;
        }
        problems.add(lost.size() + " of " + history.acknowledged().size() + " acknowledged writes missing afterwards: "
                + lost.get(0) + (lost.size() > 1 ? " (and " + (lost.size() - 1) + " more)" : ""));
        lost.stream().limit(20).forEach(each -> details.add("missing " + each));
    }

    /** The evidence line of a scenario with a workload: what was sent and read back, what else was asked, and the rule. */
    static List<String> workloadEvidence(ScenarioContext context, History history, String also, String rule) {
        return List.of(history.operations().size() + " creates through the load balancer at " + context.spec().workload().rate()
                + "/s, each acknowledged one read back; " + (also.isEmpty() ? "" : also + "; ") + rule);
    }
}
