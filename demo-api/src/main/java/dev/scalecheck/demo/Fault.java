package dev.scalecheck.demo;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The fault switches of DEMO_FAULT: each reproduces one real scaling failure. */
enum Fault {
    /** Apply the SQL files with a plain runner and no lock at all: the classic migration race. */
    NO_LOCK("no-lock"),
    /** Never release the migration lock until the process exits. */
    KEEP_LOCK("keep-lock"),
    /** Take the lock even on the fast path and hold it DEMO_LOCK_HOLD seconds: replicas start one after another. */
    SERIAL_LOCK("serial-lock"),
    /** Keep items in process memory instead of the database. */
    MEMORY_STATE("memory-state"),
    /** This replica cannot write the data directory. */
    READONLY_DATA("readonly-data"),
    /** Wait DEMO_SLOW_START seconds before becoming ready. */
    SLOW_START("slow-start"),
    /** A pool of 200 connections. */
    BIG_POOL("big-pool"),
    /** On SIGTERM exit at once, cutting requests in flight, while the load balancer still routes here. */
    NO_DRAIN("no-drain"),
    /** Migrate under a lock row in table demo_migration_lock (as Liquibase does) instead of a session lock: a killed holder leaves it set. */
    STALE_LOCK("stale-lock"),
    /** Serve requests over one connection opened at start-up, never checked or reopened: a database restart breaks the replica for good. */
    NO_RECONNECT("no-reconnect");

    private final String id;

    Fault(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Parses a comma-separated DEMO_FAULT value; blank means none. */
    static Set<Fault> parseList(String value) {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        if (value == null || value.isBlank()) {
            return faults;
        }
        for (String part : value.split(",")) {
            String wanted = part.trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            faults.add(Arrays.stream(values())
                    .filter(f -> f.id.equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("DEMO_FAULT has unknown fault '" + wanted
                            + "'; expected a comma-separated list of " + allIds())));
        }
        return faults;
    }

    static String allIds() {
        return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
    }
}
