package dev.scalecheck.core.evidence;

import java.util.List;

/**
 * Something created through the load balancer, then read back through it until every replica answered.
 *
 * @param createdOn the replica that answered the create
 * @param createError why the create failed, else null
 * @param reads each read: which replica answered and how
 */
public record StateProbe(String createdId, String createdOn, String createError, List<Read> reads, String skippedReason) {

    public StateProbe {
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    public static StateProbe skipped(String reason) {
        return new StateProbe(null, null, null, List.of(), reason);
    }

    /** @param replica the replica that answered, or null when unknown */
    public record Read(String replica, int status, String detail) {}
}
