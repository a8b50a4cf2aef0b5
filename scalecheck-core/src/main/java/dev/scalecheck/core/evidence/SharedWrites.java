package dev.scalecheck.core.evidence;

import java.util.List;

/** Each replica wrote a unique token into the shared data directory; every replica read all of them back. */
public record SharedWrites(List<Attempt> writes, List<Attempt> reads, String skippedReason) {

    public SharedWrites {
        writes = writes == null ? List.of() : List.copyOf(writes);
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    public static SharedWrites skipped(String reason) {
        return new SharedWrites(List.of(), List.of(), reason);
    }

    /**
     * @param replica who wrote or read
     * @param owner whose token it is
     * @param ok the write succeeded, or the read returned the exact token
     * @param detail the answer when not ok
     */
    public record Attempt(String replica, String owner, String file, boolean ok, String detail) {}
}
