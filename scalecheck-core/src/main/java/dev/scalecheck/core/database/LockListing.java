package dev.scalecheck.core.database;

import java.util.List;

/**
 * The user-level locks held at one moment, or why they could not be listed.
 *
 * @param source how they were found ({@code performance_schema.metadata_locks}, ...)
 * @param unavailable why they could not be listed, with what would make it possible; null when listed
 */
public record LockListing(List<HeldLock> held, String source, String unavailable) {

    public LockListing {
        held = held == null ? List.of() : List.copyOf(held);
    }

    public static LockListing of(List<HeldLock> held, String source) {
        return new LockListing(held, source, null);
    }

    public static LockListing unavailable(String why) {
        return new LockListing(List.of(), null, why);
    }

    public boolean available() {
        return unavailable == null;
    }
}
