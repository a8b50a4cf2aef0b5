package dev.scalecheck.core.evidence;

import java.time.Duration;
import java.time.Instant;

/**
 * One replica's readiness as polled on its own endpoint.
 *
 * @param readyAt when its endpoint first answered 2xx, or null if it never did
 * @param lastAnswer the last answer seen ("503 {...}", "no answer (...)")
 * @param exitCode set when the replica ended before the end of the wait, or (with {@code readyAt}) after it was
 *     ready but before the evidence was complete
 * @param poolMax the pool size the replica reported in its readiness JSON, or null
 * @param exitedAt when the replica ended, where the platform can tell; else null
 */
public record ReplicaHealth(String replica, Instant startedAt, Instant readyAt, String lastAnswer, Integer exitCode,
        Integer poolMax, Instant exitedAt) {

    public ReplicaHealth(String replica, Instant startedAt, Instant readyAt, String lastAnswer, Integer exitCode,
            Integer poolMax) {
        this(replica, startedAt, readyAt, lastAnswer, exitCode, poolMax, null);
    }

    /** This replica as it ended: with {@code exitCode}, at {@code at} (null when unknown). */
    public ReplicaHealth ended(int code, Instant at) {
        return new ReplicaHealth(replica, startedAt, readyAt, lastAnswer, code, poolMax, at);
    }

    /** A replica that became ready and ended afterwards, before the run had its evidence. */
    public boolean diedAfterReady() {
        return readyAt != null && exitCode != null;
    }

    public boolean ready() {
        return readyAt != null;
    }

    public Duration timeToReady() {
        return readyAt == null ? null : Duration.between(startedAt, readyAt);
    }
}
