package dev.scalecheck.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.database.LockListing;
import dev.scalecheck.core.migration.MigrationRecord;
import dev.scalecheck.core.migration.MigrationTool;
import dev.scalecheck.core.migration.SchemaVersionTool;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import dev.scalecheck.core.spec.Spec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Gathers the evidence of a run by asking the deployment, the database and the load balancer. */
public final class EvidenceCollector {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest one round of calls may take (each call has its own, shorter deadline too). */
    private static final Duration ROUND = Duration.ofSeconds(60);
    /** How long lb-reaches-all goes on sending until every ready replica has answered. */
    static final Duration REACH_WINDOW = Duration.ofSeconds(10);

    private final Deployment deployment;
    private final Spec spec;
    private final Clock clock;
    private final PlainHttp balancer;
    private final ProbeHeaders headers;
    private final String runId;
    private final Bounded calls;

    public EvidenceCollector(Deployment deployment, Spec spec, Clock clock, PlainHttp balancer,
            ProbeHeaders headers, String runId) {
        this.deployment = deployment;
        this.spec = spec;
        this.clock = clock;
        this.balancer = balancer;
        this.headers = headers;
        this.runId = runId;
        this.calls = new Bounded(spec.probes().parallelCalls());
    }

    /** The application schema's tables now (called before the replicas start). */
    public List<String> tables(SqlDatabase database) {
        return Dialect.of(database.kind()).tables(database);
    }

    /**
     * Polls every replica's own readiness endpoint until each is ready, has exited, or the timeout
     * passed. Where the platform has a health verdict of its own (Docker's healthcheck), a replica
     * is ready only once that agrees too.
     *
     * @return readiness by replica id, in replica order
     */
    public Map<String, ReplicaHealth> awaitReadiness(List<Replica> replicas) throws InterruptedException {
        Map<String, ReplicaHealth> settled = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> lastAnswer = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Integer> pools = new java.util.concurrent.ConcurrentHashMap<>();
        Deadline deadline = Deadline.after(spec.health().timeout(), clock);
        InterruptedException[] cut = new InterruptedException[1];
        deadline.poll(POLL, () -> {
            List<Replica> waiting = replicas.stream().filter(r -> !settled.containsKey(r.id())).toList();
            try {
                calls.map(waiting, replica -> {
                    pollOnce(replica, settled, lastAnswer, pools);
                    return Boolean.TRUE;
                }, ROUND, why -> Boolean.FALSE);
            } catch (InterruptedException e) {
                cut[0] = e;
                return Optional.of(false);
            }
            return settled.size() == replicas.size() ? Optional.of(true) : Optional.empty();
        });
        if (cut[0] != null) {
            throw cut[0];
        }
        Map<String, ReplicaHealth> all = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            all.put(replica.id(), settled.getOrDefault(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), null,
                    lastAnswer.getOrDefault(replica.id(), "no answer"), null, pools.get(replica.id()))));
        }
        return all;
    }

    /** One look at one replica: ended, ready (by its endpoint and the platform), or not yet with the answer it gave. */
    private void pollOnce(Replica replica, Map<String, ReplicaHealth> settled, Map<String, String> lastAnswer,
            Map<String, Integer> pools) {
        OptionalInt exit = deployment.exitCode(replica);
        if (exit.isPresent()) {
            settled.put(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), null,
                    lastAnswer.getOrDefault(replica.id(), "no answer"), exit.getAsInt(), pools.get(replica.id())));
            return;
        }
        HttpAnswer answer = deployment.request(replica, "GET", spec.health().path(), null);
        Instant now = clock.instant();
        Optional<String> platform = answer.ok() ? deployment.platformUnhealthy(replica) : Optional.empty();
        lastAnswer.put(replica.id(), platform.map(why -> answer.status() + ", but " + why).orElse(answer.describe()));
        if (answer.ok()) {
            poolSize(answer.body()).ifPresent(pool -> pools.put(replica.id(), pool));
        }
        if (answer.ok() && platform.isEmpty()) {
            settled.put(replica.id(), new ReplicaHealth(replica.id(), replica.startedAt(), now, answer.describe(),
                    null, pools.get(replica.id())));
        }
    }

    /** The pool size in the readiness answer's {@code checks.connection-headroom.poolField}, when the spec names one. */
    private Optional<Integer> poolSize(String body) {
        String field = spec.checks().connectionHeadroom().poolField();
        if (field == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String part : field.split("\\.")) {
                node = node.path(part);
            }
            return node.isInt() ? Optional.of(node.asInt()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** History table, locks still held, connection figures: what the database says after start-up. */
    public DatabaseState database(SqlDatabase database, List<String> tablesBefore, List<Replica> replicas,
            ConnectionUse connections) {
        try {
            Dialect dialect = Dialect.of(database.kind());
            List<String> tables = dialect.tables(database);
            Optional<MigrationTool> tool = tool(tables);
            List<String> lookedFor = lookedFor(tool);
            String historyTable = historyTable(tool, tables);
            List<MigrationRecord> history = historyTable == null ? List.of()
                    : tool.orElseGet(SchemaVersionTool::new).history(database, dialect, historyTable);
            LockListing userLocks = dialect.userLocks(database);
            List<HeldLock> locks = new ArrayList<>(userLocks.held());
            for (MigrationTool each : MigrationTool.all()) {
                locks.addAll(each.tableLocks(database, dialect, tables));
            }
            String lockName = spec.database().lockName();
            Long holder = lockName == null ? null : dialect.namedLockHolder(database, lockName).orElse(null);
            OptionalInt max = dialect.maxConnections(database);
            return new DatabaseState(tablesBefore, tool.map(MigrationTool::name).orElse(null), lookedFor, historyTable, history,
                    traced(locks, replicas), userLocks.source(), userLocks.unavailable(),
                    tool.flatMap(MigrationTool::lockTable).filter(t -> tables.stream().anyMatch(t::equalsIgnoreCase)).orElse(null),
                    lockName, holder,
                    max.isPresent() ? max.getAsInt() : null, connections, null);
        } catch (RuntimeException e) {
            return DatabaseState.unavailable(e.getMessage());
        }
    }

    /**
     * The locks held at this moment, one line each: user locks (traced to replicas), the tools'
     * table locks, and the holder of {@code database.lockName}. For a scenario that watches for a
     * lock holder; cheaper than {@link #database}.
     */
    public List<String> heldLocks(SqlDatabase database, List<Replica> replicas) {
        Dialect dialect = Dialect.of(database.kind());
        List<String> tables = dialect.tables(database);
        List<HeldLock> locks = new ArrayList<>(dialect.userLocks(database).held());
        for (MigrationTool each : MigrationTool.all()) {
            locks.addAll(each.tableLocks(database, dialect, tables));
        }
        List<String> held = new ArrayList<>(traced(locks, replicas).stream().map(EvidenceCollector::describe).toList());
        String lockName = spec.database().lockName();
        if (lockName != null && held.stream().noneMatch(line -> line.contains("'" + lockName + "'"))) {
            dialect.namedLockHolder(database, lockName).ifPresent(holder ->
                    held.add("lock '" + lockName + "' held by connection " + holder));
        }
        return held;
    }

    private static String describe(HeldLock lock) {
        return lock.kind() + " '" + lock.name() + "'"
                + (lock.holder() != null ? " held by connection " + lock.holder() : "")
                + (lock.replica() != null ? " of " + lock.replica() : "")
                + (lock.detail() != null ? " (" + lock.detail() + ")" : "");
    }

    /** The tool the spec names, else the one whose history table exists, else (with migrationTable) a plain table. */
    private Optional<MigrationTool> tool(List<String> tables) {
        if (spec.database().tool() != null) {
            return Optional.of(MigrationTool.named(spec.database().tool()));
        }
        Optional<MigrationTool> found = MigrationTool.detect(tables);
        if (found.isEmpty() && spec.database().migrationTable() != null) {
            return Optional.of(new SchemaVersionTool());
        }
        return found;
    }

    private List<String> lookedFor(Optional<MigrationTool> tool) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (spec.database().migrationTable() != null) {
            names.add(spec.database().migrationTable());
        }
        if (tool.isPresent()) {
            names.addAll(tool.get().historyTables());
        } else {
            MigrationTool.all().forEach(each -> names.addAll(each.historyTables()));
        }
        return List.copyOf(names);
    }

    private String historyTable(Optional<MigrationTool> tool, List<String> tables) {
        String configured = spec.database().migrationTable();
        if (configured != null) {
            return tables.stream().filter(t -> t.equalsIgnoreCase(configured)).findFirst().orElse(null);
        }
        return tool.flatMap(each -> each.historyTableIn(tables)).orElse(null);
    }

    private List<HeldLock> traced(List<HeldLock> locks, List<Replica> replicas) {
        List<String> clients = locks.stream().map(HeldLock::client).filter(c -> c != null && !c.isEmpty()).toList();
        if (clients.isEmpty()) {
            return locks;
        }
        Map<String, String> owners = deployment.replicasOf(replicas, clients);
        return locks.stream().map(lock -> lock.client() != null && owners.containsKey(lock.client())
                ? lock.withReplica(owners.get(lock.client())) : lock).toList();
    }

    /** The markers in force: the spec's, else the migration tool's, else none. */
    public Markers markers(DatabaseState database) {
        if (spec.markers() != null) {
            return spec.markers();
        }
        String tool = database.tool() != null ? database.tool() : spec.database().tool();
        return tool == null ? Markers.none() : MigrationTool.named(tool).markers();
    }

    /**
     * Each ready replica writes a unique token into the shared data directory (through its own
     * endpoint, or by a shell in its environment); every ready replica reads them all back. Files
     * written by a shell are removed afterwards.
     */
    public SharedWrites writes(List<Replica> ready) throws InterruptedException {
        Spec.Writes probe = spec.probes().writes();
        if (probe == null || (probe.path() == null && probe.dataDir() == null)) {
            return SharedWrites.skipped("no probes.writes in the spec; set probes.writes.dataDir (the shared directory, "
                    + "written by a shell in each replica's environment) or probes.writes.path (an endpoint with {name})");
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        ready.forEach(replica -> tokens.put(replica.id(), "scalecheck " + runId + " written by " + replica.id()));
        List<Attempted> written = calls.map(ready, replica -> probe.path() != null
                ? http(deployment.request(replica, "PUT", probe.path().replace("{name}", fileOf(replica)), tokens.get(replica.id()),
                        headers.forBody("text/plain")))
                : shell(deployment.exec(replica, List.of("sh", "-c", "cat > \"$1/$2\"", "write", probe.dataDir(), fileOf(replica)),
                        tokens.get(replica.id()))), ROUND, Attempted::late);
        List<SharedWrites.Attempt> writes = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Replica replica = ready.get(i);
            Attempted attempt = written.get(i);
            writes.add(new SharedWrites.Attempt(replica.id(), replica.id(), fileOf(replica), attempt.ok(),
                    attempt.ok() ? null : attempt.detail()));
        }
        List<SharedWrites.Attempt> reads = probe.path() != null ? readsOneByOne(ready, probe, tokens) : readsAtOnce(ready, probe, tokens);
        if (probe.path() == null) {
            List<SharedWrites.Attempt> toRemove = writes.stream().filter(SharedWrites.Attempt::ok).toList();
            calls.map(toRemove, write -> {
                Replica owner = ready.stream().filter(r -> r.id().equals(write.replica())).findFirst().orElseThrow();
                return deployment.exec(owner, List.of("sh", "-c", "rm -f \"$1/$2\"", "clean", probe.dataDir(), write.file()), null);
            }, ROUND, why -> null);
        }
        return new SharedWrites(writes, reads, null);
    }

    /** Through an endpoint that reads one name: every reader asks for every token, {@code probes.parallel} at a time. */
    private List<SharedWrites.Attempt> readsOneByOne(List<Replica> ready, Spec.Writes probe, Map<String, String> tokens)
            throws InterruptedException {
        List<Replica[]> pairs = new ArrayList<>();
        for (Replica reader : ready) {
            for (Replica owner : ready) {
                pairs.add(new Replica[] {reader, owner});
            }
        }
        List<Attempted> answers = calls.map(pairs, pair -> http(deployment.request(pair[0], "GET",
                probe.path().replace("{name}", fileOf(pair[1])), null, headers.plain())), ROUND, Attempted::late);
        List<SharedWrites.Attempt> reads = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            reads.add(read(pairs.get(i)[0], pairs.get(i)[1], answers.get(i), tokens));
        }
        return reads;
    }

    /** By a shell: one call per reader that reads every token ({@link SharedReads}), the readers {@code probes.parallel} at a time. */
    private List<SharedWrites.Attempt> readsAtOnce(List<Replica> ready, Spec.Writes probe, Map<String, String> tokens)
            throws InterruptedException {
        List<String> files = ready.stream().map(this::fileOf).toList();
        List<Command.Result> answers = calls.map(ready, reader -> deployment.exec(reader, SharedReads.command(probe.dataDir(), files),
                null), ROUND, why -> new Command.Result(-1, "", why));
        List<SharedWrites.Attempt> reads = new ArrayList<>();
        for (int r = 0; r < ready.size(); r++) {
            Replica reader = ready.get(r);
            Command.Result answer = answers.get(r);
            Map<String, SharedReads.Content> contents = SharedReads.parse(answer.stdout());
            for (Replica owner : ready) {
                SharedReads.Content content = contents.get(fileOf(owner));
                Attempted attempt = content != null
                        ? new Attempted(content.ok(), content.text(), content.ok() ? null : "cat failed: " + content.text().strip())
                        : shell(answer.ok() ? new Command.Result(answer.code(), "", "no answer for " + fileOf(owner)) : answer);
                reads.add(read(reader, owner, attempt, tokens));
            }
        }
        return reads;
    }

    private SharedWrites.Attempt read(Replica reader, Replica owner, Attempted attempt, Map<String, String> tokens) {
        boolean intact = attempt.ok() && attempt.content().equals(tokens.get(owner.id()));
        return new SharedWrites.Attempt(reader.id(), owner.id(), fileOf(owner), intact,
                intact ? null : attempt.ok() ? "content differs: '" + attempt.content() + "'" : attempt.detail());
    }

    private String fileOf(Replica replica) {
        return "scalecheck-" + runId + "-" + replica.id() + ".txt";
    }

    /** One write or read, whichever way it went. */
    private record Attempted(boolean ok, String content, String detail) {
        static Attempted late(String why) {
            return new Attempted(false, "", why);
        }
    }

    private static Attempted http(HttpAnswer answer) {
        return new Attempted(answer.ok(), answer.body(), answer.describe());
    }

    private static Attempted shell(Command.Result result) {
        String error = result.stderr().strip();
        return new Attempted(result.ok(), result.stdout(), "exit " + result.code() + (error.isEmpty() ? "" : ": " + error));
    }

    /**
     * Requests through the load balancer, attributed to replicas by the load balancer's own counts or
     * by a response header. They go in rounds of {@code requests} (at least two per replica), a
     * round's requests {@code probes.parallel} at a time, until every ready replica has answered, a
     * request failed, or {@link #REACH_WINDOW} passed: a balancer's own health checks admit a
     * replica that has just become ready a second or more later, as they would in production.
     */
    public LoadBalancerTraffic loadBalancer(List<Replica> replicas, List<Replica> ready) throws InterruptedException {
        Spec.LbReachesAll settings = spec.checks().lbReachesAll();
        String path = settings.path() != null ? settings.path() : spec.health().path();
        URI url = deployment.loadBalancer().resolve(path);
        Map<String, Integer> before = deployment.loadBalancerCounts();
        Map<String, Integer> byHeader = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int perRound = Math.max(settings.requests(), 2 * replicas.size());
        List<Integer> round = java.util.stream.IntStream.range(0, perRound).boxed().toList();
        Deadline window = Deadline.after(REACH_WINDOW, clock);
        int sent = 0;
        while (true) {
            for (HttpAnswer answer : calls.map(round, i -> balancer.send("GET", url, null, headers.plain()), ROUND,
                    HttpAnswer::failed)) {
                if (!answer.ok()) {
                    errors.add(answer.describe());
                }
                if (settings.replicaHeader() != null) {
                    answer.header(settings.replicaHeader())
                            .ifPresent(name -> byHeader.merge(replicaName(name, replicas), 1, Integer::sum));
                }
            }
            sent += perRound;
            Map<String, Integer> counted = difference(before, deployment.loadBalancerCounts());
            Map<String, Integer> reached = !counted.isEmpty() ? counted : byHeader;
            boolean everyReady = ready.stream().allMatch(r -> reached.getOrDefault(r.id(), 0) > 0);
            if (everyReady || !errors.isEmpty() || reached.isEmpty() || window.expired()) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        Map<String, Integer> after = deployment.loadBalancerCounts();
        if (!after.isEmpty()) {
            return new LoadBalancerTraffic(url.toString(), sent, difference(before, after), "the load balancer's own counts", errors,
                    null);
        }
        if (settings.replicaHeader() != null) {
            return new LoadBalancerTraffic(url.toString(), sent, byHeader, "header " + settings.replicaHeader(), errors, null);
        }
        return new LoadBalancerTraffic(url.toString(), sent, Map.of(), null, errors, null);
    }

    /** Create through the load balancer, then read it back through it until every replica answered or enough reads were made. */
    public StateProbe state(List<Replica> replicas) throws InterruptedException {
        Spec.State probe = spec.probes().state();
        if (probe == null || probe.create() == null) {
            return StateProbe.skipped("no probes.state in the spec; set probes.state.create (a POST that stores something) "
                    + "and, unless the answer has a Location header, probes.state.read with {id}");
        }
        String header = spec.checks().lbReachesAll().replicaHeader();
        URI base = deployment.loadBalancer();
        Map<String, Integer> before = deployment.loadBalancerCounts();
        HttpAnswer created = balancer.send("POST", base.resolve(probe.create()), probe.body(),
                headers.forBody(StateRequests.contentType(probe)));
        if (!created.ok()) {
            return new StateProbe(null, null, "POST " + probe.create() + " answered " + created.describe(), List.of(), null);
        }
        String id = StateRequests.idOf(probe, created);
        Optional<URI> read = StateRequests.readOf(probe, created, base);
        if (read.isEmpty()) {
            return new StateProbe(null, null, StateRequests.noId(probe, created), List.of(), null);
        }
        String createdOn = header != null ? created.header(header).map(name -> replicaName(name, replicas)).orElse(null)
                : single(difference(before, deployment.loadBalancerCounts()));
        Integer configured = spec.checks().crossReplicaState().reads();
        int reads = configured != null ? configured : 3 * replicas.size();
        List<StateProbe.Read> results = new ArrayList<>();
        if (header != null) {
            // attributed by the header each answer carries: the reads may go at once
            List<Integer> sends = java.util.stream.IntStream.range(0, reads).boxed().toList();
            for (HttpAnswer answer : calls.map(sends, i -> balancer.send("GET", read.get(), null, headers.plain()), ROUND,
                    HttpAnswer::failed)) {
                results.add(new StateProbe.Read(answer.header(header).map(name -> replicaName(name, replicas)).orElse(null),
                        answer.status(), answer.describe()));
            }
        } else {
            // attributed by the load balancer's counts before and after each read: one at a time
            for (int i = 0; i < reads; i++) {
                Map<String, Integer> ahead = deployment.loadBalancerCounts();
                HttpAnswer answer = balancer.send("GET", read.get(), null, headers.plain());
                results.add(new StateProbe.Read(single(difference(ahead, deployment.loadBalancerCounts())), answer.status(),
                        answer.describe()));
            }
        }
        return new StateProbe(id != null ? id : read.get().getPath(), createdOn, null, results, null);
    }

    private static Map<String, Integer> difference(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> delta = new TreeMap<>();
        after.forEach((replica, count) -> {
            if (count > before.getOrDefault(replica, 0)) {
                delta.put(replica, count - before.getOrDefault(replica, 0));
            }
        });
        return delta;
    }

    /** The one replica that served a single request, when the counts show exactly one. */
    private static String single(Map<String, Integer> delta) {
        return delta.size() == 1 ? delta.keySet().iterator().next() : null;
    }

    /**
     * A header value names a replica by id, by its container's host name (compose replicas answer
     * with it), or by its address (a load balancer's header such as HAProxy's {@code %si}).
     */
    private String replicaName(String headerValue, List<Replica> replicas) {
        for (Replica replica : replicas) {
            if (replica.id().equals(headerValue) || replica.address().startsWith(headerValue)) {
                return replica.id();
            }
        }
        String owner = deployment.replicasOf(replicas, List.of(headerValue)).get(headerValue);
        return owner != null ? owner : headerValue;
    }
}
