package dev.scalecheck.core.evidence;

import java.time.Duration;
import java.time.Instant;

/**
 * One replica's readiness as polled on its own endpoint.
 *
 * @param readyAt when its endpoint first answered 2xx, or null if it never did
 * @param lastAnswer the last answer seen ("503 {...}", "no answer (...)")
 * @param exitCode set when the replica ended before the end of the wait
 * @param poolMax the pool size the replica reported in its readiness JSON, or null
 */
public record ReplicaHealth(String replica, Instant startedAt, Instant readyAt, String lastAnswer, Integer exitCode,
        Integer poolMax) {

    public boolean ready() {
        return readyAt != null;
    }

    public Duration timeToReady() {
        return readyAt == null ? null : Duration.between(startedAt, readyAt);
    }
}
