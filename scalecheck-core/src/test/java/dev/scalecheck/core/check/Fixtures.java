package dev.scalecheck.core.check;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.evidence.ConnectionUse;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.evidence.SharedWrites;
import dev.scalecheck.core.evidence.StateProbe;
import dev.scalecheck.core.migration.MigrationRecord;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DemoPreset;
import dev.scalecheck.core.spec.Markers;
import dev.scalecheck.core.spec.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic evidence of a healthy 4-replica start with the demo's log markers; tests change one
 * part to make one check fail. Times are fixed: no clock, no sleeping.
 */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-02-01T14:00:00Z");

    private Fixtures() {
    }

    /** The demo's spec (its preset applied), a 60 s timeout and a 30 s start_period. */
    static Spec spec() {
        return DemoPreset.applyTo(Spec.empty().withHealth(new Spec.Health(null, null, Duration.ofSeconds(60), Duration.ofSeconds(30))));
    }

    static List<Replica> replicas(int n) {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            replicas.add(new Replica(i, "api-" + i, "127.0.0.1:" + (40000 + i), T0));
        }
        return replicas;
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static LogLine line(double seconds, String replica, String text) {
        return new LogLine(at(seconds), replica, LogLine.Stream.STDOUT, text);
    }

    /** api-1 migrates; the others wait on the lock, find the work done and release; all ready about 3 s in. */
    static List<LogLine> healthyLogs(int n) {
        List<LogLine> logs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String r = "api-" + i;
            logs.add(line(1.0 + i * 0.01, r, "Database pool created (max=5)"));
            if (i == 1) {
                logs.add(line(1.1, r, "Acquired migration lock 'demo_migration'"));
                logs.add(line(2.9, r, "Migrations complete (4 applied in 1.80 s)"));
            } else {
                logs.add(line(1.1 + i * 0.01, r, "Waiting for migration lock 'demo_migration' (held by connection 9)"));
                logs.add(line(2.9 + i * 0.01, r, "Acquired migration lock 'demo_migration'"));
                logs.add(line(2.92 + i * 0.01, r, "Another replica completed migrations while we waited"));
            }
            logs.add(line(2.95 + i * 0.01, r, "Released migration lock 'demo_migration'"));
            logs.add(line(3.0 + i * 0.01, r, "Ready on port " + (40000 + i)));
        }
        return logs;
    }

    static Map<String, ReplicaHealth> healthy(int n) {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            health.put("api-" + i, new ReplicaHealth("api-" + i, T0, at(3.1 + i * 0.01), "200 {\"status\":\"ready\"}", null, 5));
        }
        return health;
    }

    /** Every replica exited with code 1 before it became ready. */
    static Map<String, ReplicaHealth> exited(int n) {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            health.put("api-" + i, new ReplicaHealth("api-" + i, T0, null, "no answer", 1, null));
        }
        return health;
    }

    static DatabaseState database() {
        return database(List.of(
                new MigrationRecord("1", "create items", true, null),
                new MigrationRecord("2", "create replica events", true, null),
                new MigrationRecord("3", "fill reference numbers", true, null),
                new MigrationRecord("4", "index items created at", true, null)));
    }

    /** The demo's database after start-up with this history: no lock held, every replica's 5 connections seen. */
    static DatabaseState database(List<MigrationRecord> history) {
        Map<String, Integer> peaks = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            peaks.put("api-" + i, 5);
        }
        return new DatabaseState(List.of(), "demo", List.of("flyway_schema_history", "schema_version"), "flyway_schema_history",
                history, List.of(), "performance_schema.metadata_locks", null, null, "demo_migration", null, 151,
                new ConnectionUse(peaks, 1, 21, 12, null), null);
    }

    /** A database state to change one part of, starting from the healthy demo's. */
    static Db db() {
        return new Db(database());
    }

    /** Builds a {@link DatabaseState} field by field, so a test names only what it changes. */
    static final class Db {
        private List<String> tablesBefore;
        private String tool;
        private List<String> lookedFor;
        private String historyTable;
        private List<MigrationRecord> history;
        private List<HeldLock> locks;
        private String locksSource;
        private String locksUnavailable;
        private String lockTable;
        private String lockName;
        private Long lockHolder;
        private Integer maxConnections;
        private ConnectionUse connections;

        private Db(DatabaseState from) {
            tablesBefore = from.tablesBeforeReplicas();
            tool = from.tool();
            lookedFor = from.lookedFor();
            historyTable = from.historyTable();
            history = from.history();
            locks = from.locks();
            locksSource = from.locksSource();
            locksUnavailable = from.locksUnavailable();
            lockTable = from.lockTable();
            lockName = from.lockName();
            lockHolder = from.lockHolder();
            maxConnections = from.maxConnections();
            connections = from.connections();
        }

        Db tool(String name, List<String> tables) {
            tool = name;
            lookedFor = tables;
            lockTable = "liquibase".equals(name) ? "DATABASECHANGELOGLOCK" : null;
            return this;
        }

        Db history(String table, List<MigrationRecord> rows) {
            historyTable = table;
            history = rows;
            return this;
        }

        Db tablesBefore(List<String> tables) {
            tablesBefore = tables;
            return this;
        }

        Db locks(List<HeldLock> held) {
            locks = held;
            return this;
        }

        Db locksUnavailable(String why) {
            locksUnavailable = why;
            locksSource = null;
            return this;
        }

        Db lockName(String name, Long holder) {
            lockName = name;
            lockHolder = holder;
            return this;
        }

        Db maxConnections(Integer max) {
            maxConnections = max;
            return this;
        }

        Db connections(ConnectionUse use) {
            connections = use;
            return this;
        }

        DatabaseState build() {
            return new DatabaseState(tablesBefore, tool, lookedFor, historyTable, history, locks, locksSource, locksUnavailable,
                    lockTable, lockName, lockHolder, maxConnections, connections, null);
        }
    }

    static SharedWrites writes(int n) {
        List<SharedWrites.Attempt> writes = new ArrayList<>();
        List<SharedWrites.Attempt> reads = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            writes.add(new SharedWrites.Attempt("api-" + i, "api-" + i, "token-" + i, true, null));
            for (int j = 1; j <= n; j++) {
                reads.add(new SharedWrites.Attempt("api-" + i, "api-" + j, "token-" + j, true, null));
            }
        }
        return new SharedWrites(writes, reads, null);
    }

    static LoadBalancerTraffic traffic(int n) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            counts.put("api-" + i, 40 / n);
        }
        return new LoadBalancerTraffic("http://127.0.0.1:8080/api/health", 40, counts, "header X-Replica-Id", List.of(), null);
    }

    static StateProbe state(int n) {
        List<StateProbe.Read> reads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int i = 1; i <= n; i++) {
                reads.add(new StateProbe.Read("api-" + i, 200, "200 {...}"));
            }
        }
        return new StateProbe("7", "api-1", null, reads, null);
    }

    static Evidence healthyEvidence() {
        return evidence(spec(), replicas(4), healthy(4), healthyLogs(4), database(), writes(4), traffic(4), state(4));
    }

    /** Evidence whose markers are the spec's (the demo's). */
    static Evidence evidence(Spec spec, List<Replica> replicas, Map<String, ReplicaHealth> health, List<LogLine> logs,
            DatabaseState database, SharedWrites writes, LoadBalancerTraffic traffic, StateProbe state) {
        return new Evidence(spec, spec.markers(), replicas, health, logs, database, writes, traffic, state);
    }

    static Evidence with(Evidence e, Markers markers) {
        return new Evidence(e.spec(), markers, e.replicas(), e.health(), e.logs(), e.database(), e.writes(), e.loadBalancer(),
                e.state());
    }

    static Evidence with(Evidence e, List<LogLine> logs) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), logs, e.database(), e.writes(), e.loadBalancer(), e.state());
    }

    static Evidence with(Evidence e, Map<String, ReplicaHealth> health) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), health, e.logs(), e.database(), e.writes(), e.loadBalancer(), e.state());
    }

    static Evidence with(Evidence e, DatabaseState database) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), e.logs(), database, e.writes(), e.loadBalancer(), e.state());
    }

    static Evidence with(Evidence e, SharedWrites writes) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), e.logs(), e.database(), writes, e.loadBalancer(), e.state());
    }

    static Evidence with(Evidence e, LoadBalancerTraffic traffic) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), e.logs(), e.database(), e.writes(), traffic, e.state());
    }

    static Evidence with(Evidence e, StateProbe state) {
        return new Evidence(e.spec(), e.markers(), e.replicas(), e.health(), e.logs(), e.database(), e.writes(), e.loadBalancer(), state);
    }

    static Evidence with(Evidence e, Spec spec) {
        return evidence(spec, e.replicas(), e.health(), e.logs(), e.database(), e.writes(), e.loadBalancer(), e.state());
    }
}
