package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.Words;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a lost backend (a killed replica, a stopped host) cost the requests: those that failed in
 * the phase after the loss, and how long after it the last one failed. The load balancer has
 * stopped routing to the lost backend once no request failed for {@link #QUIET}.
 */
record Outage(List<Operation> failed, Duration routed) {
    /** The load balancer has stopped routing to a lost backend once no request failed for this long. */
    static final Duration QUIET = Duration.ofSeconds(3);
    /** How long the load balancer may take to notice. */
    static final Duration NOTICE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Polls until no request failed for {@link #QUIET}; false when {@link #NOTICE} passed first. */
    static boolean awaitNoticed(ScenarioContext context, Workload workload, Instant lost) throws InterruptedException {
        return Deadline.after(NOTICE, context.clock()).poll(POLL, () -> {
            Instant quietSince = workload.lastFailureSince(lost).orElse(lost);
            return context.since(quietSince).compareTo(QUIET) >= 0 ? Optional.of(true) : Optional.empty();
        }).isPresent();
    }

    static Outage of(History history, Workload workload, String phase, Instant lost) {
        List<Operation> failed = history.in(phase::equals).stream().filter(op -> !op.acknowledged()).toList();
        Duration routed = failed.isEmpty() ? Duration.ZERO : Duration.between(lost, workload.lastFailureSince(lost).orElse(lost));
        return new Outage(failed, routed);
    }

    /** "no request failed", or "N requests failed in the T {until} (causes)". */
    String failures(String until) {
        return failed.isEmpty() ? "no request failed"
                : Words.count(failed.size(), "request") + " failed in the " + Verdicts.seconds(routed) + " " + until + " ("
                        + History.causes(failed) + ")";
    }

    /** The same without the words that say the load balancer noticed, for when it did not. */
    String failuresUnnoticed() {
        return failed.isEmpty() ? "no request failed"
                : Words.count(failed.size(), "request") + " failed in the " + Verdicts.seconds(routed) + " (" + History.causes(failed) + ")";
    }
}
