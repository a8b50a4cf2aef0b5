package dev.scalecheck.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Gathers the evidence of a run by asking the deployment, the database and the load balancer. */
public final class EvidenceCollector {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deployment deployment;
    private final Spec spec;
    private final Clock clock;
    private final PlainHttp balancer;
    private final String runId;

    public EvidenceCollector(Deployment deployment, Spec spec, Clock clock, PlainHttp balancer, String runId) {
        this.deployment = deployment;
        this.spec = spec;
        this.clock = clock;
        this.balancer = balancer;
        this.runId = runId;
    }

    /** The application schema's tables now (called before the replicas start). */
    public static List<String> tables(SqlDatabase database) {
        return database.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "ORDER BY table_name").stream().map(row -> row.get("t")).toList();
    }

    /**
     * Polls every replica's own readiness endpoint until each is ready, has exited, or the timeout
     * passed. Where the platform has a health verdict of its own (Docker's healthcheck), a replica
     * is ready only once that agrees too.
     *
     * @return readiness by replica id, in replica order
     */
    public Map<String, ReplicaHealth> awaitReadiness(List<Replica> replicas) throws InterruptedException {
        Map<String, ReplicaHealth> settled = new LinkedHashMap<>();
        Map<String, String> lastAnswer = new HashMap<>();
        Map<String, Integer> pools = new HashMap<>();
        Deadline deadline = Deadline.after(spec.health().timeout(), clock);
        deadline.poll(POLL, () -> {
            for (Replica replica : replicas) {
                if (settled.containsKey(replica.id())) {
                    continue;
                }
                OptionalInt exit = deployment.exitCode(replica);
                if (exit.isPresent()) {
                    settled.put(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), null,
                            lastAnswer.getOrDefault(replica.id(), "no answer"), exit.getAsInt(), null));
                    continue;
                }
                HttpAnswer answer = deployment.request(replica, "GET", spec.health().path(), null);
                Instant now = clock.instant();
                Optional<String> platform = answer.ok() ? deployment.platformUnhealthy(replica) : Optional.empty();
                lastAnswer.put(replica.id(), platform.map(why -> answer.status() + ", but " + why).orElse(answer.describe()));
                if (answer.ok()) {
                    pools.put(replica.id(), poolMax(answer.body()));
                }
                if (answer.ok() && platform.isEmpty()) {
                    settled.put(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), now, answer.describe(),
                            null, pools.get(replica.id())));
                }
            }
            return settled.size() == replicas.size() ? Optional.of(true) : Optional.empty();
        });
        Map<String, ReplicaHealth> all = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            all.put(replica.id(), settled.getOrDefault(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), null,
                    lastAnswer.getOrDefault(replica.id(), "no answer"), null, pools.get(replica.id()))));
        }
        return all;
    }

    private static Integer poolMax(String body) {
        try {
            JsonNode max = JSON.readTree(body).path("pool").path("max");
            return max.isInt() ? max.asInt() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** History table, migration lock, connection figures. */
    public DatabaseState database(SqlDatabase database, List<String> tablesBefore) {
        try {
            List<String> tables = tables(database);
            String historyTable = historyTable(tables);
            List<DatabaseState.MigrationRecord> history = historyTable == null ? List.of() : history(database, historyTable);
            String lockName = spec.database().lockName();
            Long holder = null;
            if (lockName != null) {
                String value = database.query("SELECT IS_USED_LOCK('" + lockName.replace("'", "''") + "') AS holder")
                        .get(0).get("holder");
                holder = value == null ? null : Long.valueOf(value);
            }
            Integer max = Integer.valueOf(database.query("SELECT @@max_connections AS m").get(0).get("m"));
            Integer threads = Integer.valueOf(database.query("SHOW GLOBAL STATUS LIKE 'Threads_connected'").get(0).get("Value"));
            return new DatabaseState(tablesBefore, historyTable, history, lockName, holder, max, threads, null);
        } catch (RuntimeException e) {
            return DatabaseState.unavailable(e.getMessage());
        }
    }

    private String historyTable(List<String> tables) {
        List<String> candidates = new ArrayList<>();
        if (spec.database().migrationTable() != null) {
            candidates.add(spec.database().migrationTable());
        }
        candidates.addAll(List.of("flyway_schema_history", "schema_version", "DATABASECHANGELOG"));
        for (String candidate : candidates) {
            for (String table : tables) {
                if (table.equalsIgnoreCase(candidate)) {
                    return table;
                }
            }
        }
        return null;
    }

    private static List<DatabaseState.MigrationRecord> history(SqlDatabase database, String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        String sql;
        if (lower.equals("databasechangelog")) {
            sql = "SELECT CONCAT(ID, '::', AUTHOR, '::', FILENAME) AS k, DESCRIPTION AS d, "
                    + "IF(EXECTYPE = 'FAILED', 0, 1) AS s FROM `" + table + "` ORDER BY ORDEREXECUTED";
        } else if (lower.equals("schema_version")) {
            sql = "SELECT filename AS k, '' AS d, success AS s FROM `" + table + "` ORDER BY applied_at, filename";
        } else {
            sql = "SELECT version AS k, description AS d, success AS s FROM `" + table + "` WHERE version IS NOT NULL "
                    + "ORDER BY installed_rank";
        }
        return database.query(sql).stream()
                .map(row -> new DatabaseState.MigrationRecord(row.get("k"), row.get("d"), !"0".equals(row.get("s"))))
                .toList();
    }

    /**
     * Each ready replica writes a unique token into the shared data directory (through its own
     * endpoint, or by a shell in its environment); every ready replica reads them all back.
     */
    public SharedWrites writes(List<Replica> ready) {
        Spec.Writes probe = spec.probes().writes();
        if (probe.path() == null && probe.dataDir() == null) {
            return SharedWrites.skipped("no probes.writes (path or dataDir) in the spec");
        }
        List<SharedWrites.Attempt> writes = new ArrayList<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Replica replica : ready) {
            String file = "scalecheck-" + runId + "-" + replica.id() + ".txt";
            String token = "scalecheck " + runId + " written by " + replica.id();
            Attempted attempt = probe.path() != null
                    ? http(deployment.request(replica, "PUT", probe.path().replace("{name}", file), token))
                    : shell(deployment.exec(replica, List.of("sh", "-c", "cat > \"$1/$2\"", "write", probe.dataDir(), file), token));
            writes.add(new SharedWrites.Attempt(replica.id(), replica.id(), file, attempt.ok(), attempt.ok() ? null : attempt.detail()));
            tokens.put(replica.id(), token);
        }
        List<SharedWrites.Attempt> reads = new ArrayList<>();
        for (Replica reader : ready) {
            for (Replica owner : ready) {
                String file = "scalecheck-" + runId + "-" + owner.id() + ".txt";
                Attempted attempt = probe.path() != null
                        ? http(deployment.request(reader, "GET", probe.path().replace("{name}", file), null))
                        : shell(deployment.exec(reader, List.of("sh", "-c", "cat \"$1/$2\"", "read", probe.dataDir(), file), null));
                boolean intact = attempt.ok() && attempt.content().equals(tokens.get(owner.id()));
                reads.add(new SharedWrites.Attempt(reader.id(), owner.id(), file, intact,
                        intact ? null : attempt.ok() ? "content differs: '" + attempt.content() + "'" : attempt.detail()));
            }
        }
        return new SharedWrites(writes, reads, null);
    }

    /** One write or read, whichever way it went. */
    private record Attempted(boolean ok, String content, String detail) {}

    private static Attempted http(HttpAnswer answer) {
        return new Attempted(answer.ok(), answer.body(), answer.describe());
    }

    private static Attempted shell(Command.Result result) {
        String error = result.stderr().strip();
        return new Attempted(result.ok(), result.stdout(), "exit " + result.code() + (error.isEmpty() ? "" : ": " + error));
    }

    /** M requests through the load balancer, attributed to replicas by header or by the balancer's counts. */
    public LoadBalancerTraffic loadBalancer(List<Replica> replicas) {
        Spec.LbReachesAll settings = spec.checks().lbReachesAll();
        URI url = deployment.loadBalancer().resolve(settings.path());
        Map<String, Integer> byReplica = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < settings.requests(); i++) {
            HttpAnswer answer = balancer.send("GET", url, null);
            if (!answer.ok()) {
                errors.add(answer.describe());
            }
            answer.header(settings.replicaHeader()).ifPresent(name -> byReplica.merge(replicaName(name, replicas), 1, Integer::sum));
        }
        String source = "header " + settings.replicaHeader();
        if (byReplica.isEmpty()) {
            Map<String, Integer> counts = deployment.loadBalancerCounts();
            if (!counts.isEmpty()) {
                byReplica.putAll(counts);
                source = "the load balancer's own counts";
            }
        }
        return new LoadBalancerTraffic(url.toString(), settings.requests(), byReplica, source, errors, null);
    }

    /** Create through the load balancer, then read it back through it until every replica answered or enough reads were made. */
    public StateProbe state(List<Replica> replicas) {
        Spec.State probe = spec.probes().state();
        if (probe == null || probe.create() == null || probe.read() == null) {
            return StateProbe.skipped("the spec has no probes.state (create and read requests)");
        }
        String header = spec.checks().lbReachesAll().replicaHeader();
        URI base = deployment.loadBalancer();
        HttpAnswer created = balancer.send("POST", base.resolve(probe.create()), probe.body());
        if (!created.ok()) {
            return new StateProbe(null, null, "POST " + probe.create() + " answered " + created.describe(), List.of(), null);
        }
        String id;
        try {
            JsonNode node = JSON.readTree(created.body()).path(probe.idField() == null ? "id" : probe.idField());
            id = node.isMissingNode() ? null : node.asText();
        } catch (Exception e) {
            id = null;
        }
        if (id == null) {
            return new StateProbe(null, null, "POST " + probe.create() + " answered without a '" + probe.idField()
                    + "' field: " + created.describe(), List.of(), null);
        }
        String createdOn = created.header(header).map(name -> replicaName(name, replicas)).orElse("an unnamed replica");
        Integer configured = spec.checks().crossReplicaState().reads();
        int reads = configured != null ? configured : 3 * replicas.size();
        List<StateProbe.Read> results = new ArrayList<>();
        URI read = base.resolve(probe.read().replace("{id}", id));
        for (int i = 0; i < reads; i++) {
            HttpAnswer answer = balancer.send("GET", read, null);
            results.add(new StateProbe.Read(answer.header(header).map(name -> replicaName(name, replicas)).orElse(null),
                    answer.status(), answer.describe()));
        }
        return new StateProbe(id, createdOn, null, results, null);
    }

    /** A header value names a replica by id; compose replicas may answer with their container host name instead. */
    private static String replicaName(String headerValue, List<Replica> replicas) {
        for (Replica replica : replicas) {
            if (replica.id().equals(headerValue) || replica.address().startsWith(headerValue)) {
                return replica.id();
            }
        }
        return headerValue;
    }
}
