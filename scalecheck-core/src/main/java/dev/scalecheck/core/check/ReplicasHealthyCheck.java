package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** TEST-01: exactly N replicas, each ready by its own endpoint within the timeout; a replica that is not says why. */
final class ReplicasHealthyCheck implements Check {
    static final String ID = "replicas-healthy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        int expected = evidence.spec().replicas();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        if (evidence.replicas().size() != expected) {
            problems.add("expected " + Words.count(expected, "replica") + ", found " + evidence.replicas().size());
        }
        String path = evidence.spec().health().path();
        String timeout = Timeline.seconds(evidence.spec().health().timeout());
        // replicas that failed for the same reason share one line: "api-1, api-2 exited with code 1 ..."
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Replica replica : evidence.replicas()) {
            ReplicaHealth health = evidence.health(replica.id()).orElse(null);
            Optional<Cause> cause = Cause.of(evidence, replica.id());
            String reason = null;
            if (health == null) {
                reason = " was never probed";
            } else if (health.diedAfterReady()) {
                reason = null;
                problems.add(replica.id() + " was ready in " + Timeline.seconds(health.timeToReady()) + ", then ended before the run did: "
                        + (health.exitedAt() == null ? "" : "at " + health.exitedAt() + " ("
                                + Timeline.between(health.readyAt(), health.exitedAt()) + " after it was ready), ")
                        + exit(health.exitCode()) + cause.map(c -> ": " + c.describe()).orElse(""));
            } else if (health.ready()) {
                seen.add(replica.id() + " ready in " + Timeline.seconds(health.timeToReady()));
            } else if (health.exitCode() != null) {
                reason = " exited with code " + health.exitCode() + " before becoming ready"
                        + cause.map(c -> ": " + c.describe()).or(() -> lastLine(evidence, replica.id())).orElse("");
            } else {
                reason = " not ready after " + timeout + " (GET " + path + " answered " + health.lastAnswer() + ")"
                        + cause.filter(c -> c.explanation() != null).map(c -> ": " + c.describe())
                                .or(() -> waiting(evidence, replica.id())).orElse("");
            }
            if (reason != null) {
                byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(replica.id());
            }
        }
        byReason.forEach((reason, replicas) -> problems.add(Timeline.names(replicas) + reason));
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, seen);
        }
        ReplicaHealth slowest = evidence.health().values().stream()
                .max(Comparator.comparing(ReplicaHealth::timeToReady)).orElseThrow();
        return CheckResult.pass(ID, expected + " of " + Words.count(expected, "replica") + " ready on their own " + path
                + " (slowest " + slowest.replica() + " in " + Timeline.seconds(slowest.timeToReady()) + ")", seen);
    }

    /** How a process ended: its exit code, and the signal when the code says one ended it (128 + its number). */
    static String exit(int code) {
        if (code > 128 && code <= 128 + 64) {
            int signal = code - 128;
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "exit code " + code + " (killed by " + name + ")";
        }
        return "exit code " + code;
    }

    /** A replica whose log says it is waiting for a lock, and not that it got it since. */
    private static Optional<String> waiting(Evidence evidence, String replica) {
        Optional<LogLine> wait = evidence.markers(replica, Markers.Kind.LOCK_WAIT).stream().reduce((a, b) -> b);
        Optional<LogLine> acquired = evidence.markers(replica, Markers.Kind.LOCK_ACQUIRED).stream().reduce((a, b) -> b);
        if (wait.isEmpty() || acquired.filter(a -> a.at().isAfter(wait.get().at())).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(": still waiting for the migration lock (" + Timeline.quote(wait.get().text()) + ")");
    }

    private static Optional<String> lastLine(Evidence evidence, String replica) {
        var lines = evidence.logsOf(replica);
        return lines.isEmpty() ? Optional.empty() : Optional.of(": " + Timeline.quote(lines.get(lines.size() - 1).text()));
    }
}
