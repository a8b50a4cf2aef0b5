package dev.scalecheck.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code scalecheck.yml}: what to deploy, how many replicas, which checks. Nothing in
 * here assumes the reference service: its paths, header, lock name and pool field come only
 * from {@link DemoPreset}, for a spec that runs the demo. A key that is not set stays null, and
 * the check that needs it is SKIPPED with the key to set.
 */
public record Spec(
        String orchestrator,
        Integer replicas,
        String service,
        Local local,
        Compose compose,
        Health health,
        Database database,
        Markers markers,
        Probes probes,
        Checks checks,
        List<String> scenarios,
        Workload workload) {

    public static final int MAX_REPLICAS = 64;

    public Spec {
        orchestrator = orchestrator == null ? "local" : orchestrator;
        replicas = replicas == null ? 4 : replicas;
        service = service == null ? "api" : service;
        local = local == null ? new Local(null, null, null) : local;
        health = health == null ? new Health(null, null, null, null) : health;
        database = database == null ? new Database(null, null, null, null, null) : database;
        probes = probes == null ? new Probes(null, null, null, null, null) : probes;
        checks = checks == null ? new Checks(null, null, null, null, null, null, null, null, null, null) : checks;
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        workload = workload == null ? new Workload(null, null, null, null) : workload;
    }

    /** A spec with every default: the demo on the local orchestrator, once {@link DemoPreset} fills it in. */
    public static Spec empty() {
        return new Spec(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Whether this spec runs the reference service: the built-in demo-api on the local
     * orchestrator (no {@code local.command}), {@code markers: demo}, or {@code database.tool: demo}.
     */
    public boolean isDemo() {
        boolean builtIn = orchestrator.equals("local") && local.command().isEmpty();
        boolean demoMarkers = markers != null && markers.preset().equals("demo");
        return builtIn || demoMarkers || "demo".equals(database.tool());
    }

    public Spec withReplicas(int count) {
        return new Spec(orchestrator, count, service, local, compose, health, database, markers, probes, checks,
                scenarios, workload);
    }

    public Spec withLocal(Local replacement) {
        return new Spec(orchestrator, replicas, service, replacement, compose, health, database, markers, probes, checks,
                scenarios, workload);
    }

    public Spec withCompose(Compose replacement) {
        return new Spec(orchestrator, replicas, service, local, replacement, health, database, markers, probes, checks,
                scenarios, workload);
    }

    public Spec withHealth(Health replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, replacement, database, markers, probes, checks,
                scenarios, workload);
    }

    public Spec withDatabase(Database replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, replacement, markers, probes, checks,
                scenarios, workload);
    }

    public Spec withMarkers(Markers replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, database, replacement, probes, checks,
                scenarios, workload);
    }

    public Spec withProbes(Probes replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, database, markers, replacement, checks,
                scenarios, workload);
    }

    public Spec withScenarios(List<String> replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, database, markers, probes, checks, replacement,
                workload);
    }

    public Spec withWorkload(Workload replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, database, markers, probes, checks, scenarios,
                replacement);
    }

    public Spec withChecks(Checks replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, health, database, markers, probes, replacement,
                scenarios, workload);
    }

    /**
     * The local orchestrator: replica processes from a command template.
     *
     * @param command the replica command; placeholders {@link Placeholders#COMMAND}; empty means the built-in demo-api
     * @param environment extra environment for every replica; placeholders {@link Placeholders#ENVIRONMENT}
     * @param directory the replicas' working directory, against which a relative command resolves (default: the spec's directory)
     */
    public record Local(List<String> command, Map<String, String> environment, String directory) {
        public Local {
            command = command == null ? List.of() : List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /**
     * The compose orchestrator.
     *
     * @param files compose files, relative to the spec's directory
     * @param project the compose project name (default: scalecheck)
     * @param database the database service
     * @param balancer the load balancer service, started after the replicas
     * @param loadBalancer the load balancer's URL on this machine (127.0.0.1 only)
     * @param environment variables for compose's interpolation (e.g. a fault switch); never secrets
     */
    public record Compose(List<String> files, String project, String database, String balancer, String loadBalancer,
            Map<String, String> environment) {
        public Compose {
            files = files == null ? List.of("docker-compose.yml") : List.copyOf(files);
            project = project == null ? "scalecheck" : project;
            database = database == null ? "db" : database;
            balancer = balancer == null ? "lb" : balancer;
            loadBalancer = loadBalancer == null ? "http://127.0.0.1:8080" : loadBalancer;
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /**
     * @param path the replica's own readiness endpoint; required (the demo preset has one)
     * @param port the port the replica listens on inside its container (compose); locally it is {@code ${PORT}}
     * @param timeout how long each replica may take to become ready
     * @param startPeriod the healthcheck start_period the start-up budget is measured against
     */
    public record Health(String path, Integer port, Duration timeout, Duration startPeriod) {
        public Health {
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        }
    }

    /**
     * @param name the application's database (schema)
     * @param kind {@code mariadb} (also MySQL) or {@code postgres}; when absent, the compose database service's image
     *     decides, else the local orchestrator's embedded default, MariaDB
     * @param tool the migration tool ({@code flyway}, {@code liquibase}, {@code schema_version}, {@code demo}); found
     *     from the history table when absent
     * @param lockName a named lock the service migrates under, checked beside the locks found without a name: GET_LOCK's
     *     name on MariaDB; on PostgreSQL an advisory lock's bigint key, or a text that {@code hashtext()} turns into one
     * @param migrationTable the history table, when it has a name of its own
     */
    public record Database(String name, String kind, String tool, String lockName, String migrationTable) {
        public Database {
            name = name == null ? "app" : name;
        }
    }

    /**
     * What scalecheck sends to the service beyond its readiness endpoint. Nothing is sent for a
     * probe that is not configured, nor for a check that is disabled.
     *
     * @param headers sent with every probe request (not secrets: those go in {@code auth})
     * @param auth one secret header, read from an environment variable or a file, never printed
     * @param writes how each replica writes its token and reads the others'
     * @param state the cross-replica state probe
     * @param parallel how many calls into the deployment (readiness polls, HTTP probes, exec and SQL
     *     calls, load-balancer requests) run at once; default {@link #DEFAULT_PARALLEL}
     */
    public record Probes(Map<String, String> headers, Auth auth, Writes writes, State state, Integer parallel) {
        /** Calls at once when {@code probes.parallel} is not set. */
        public static final int DEFAULT_PARALLEL = 8;

        public Probes {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** {@code probes.parallel}, else {@link #DEFAULT_PARALLEL}. */
        public int parallelCalls() {
            return parallel != null ? parallel : DEFAULT_PARALLEL;
        }
    }

    /**
     * A secret request header, e.g. {@code Authorization}, whose whole value is read from the
     * environment variable {@code env} or the file {@code file} (relative to the spec's directory).
     */
    public record Auth(String header, String env, String file) {
        public Auth {
            header = header == null ? "Authorization" : header;
        }
    }

    /**
     * The write test: through the replica's own endpoint ({@code path} with {@code {name}}: PUT
     * writes, GET reads) or, with {@code dataDir}, by a shell run in the replica's environment
     * (compose: {@code exec}; local: a process with its environment, {@code ${DATA_DIR}} allowed).
     */
    public record Writes(String path, String dataDir) {}

    /**
     * @param create POSTed through the load balancer with {@code body}
     * @param body the request body
     * @param contentType the body's content type (default: application/json when the body is a JSON object, else text/plain)
     * @param read GET through the load balancer, {@code {id}} replaced by the created id; default: the create's Location
     * @param idField the JSON field of the create answer that holds the id; without it the id comes from the
     *     {@code Location} header's last segment, else from a field {@code id}
     */
    public record State(String create, String body, String contentType, String read, String idField) {}

    /**
     * The scenarios' workload: items created through the load balancer with {@code probes.state}
     * (its create, body and read), each request's outcome kept, every acknowledged item read back at the end.
     *
     * @param rate requests per second, sent on time whatever the answers take (default 100)
     * @param maxRequests the most requests one scenario sends (default 20000); the workload ends there
     * @param baseline how long the workload runs calm before the fault, for the latency baseline (default 2s)
     * @param stopGrace how long a replica may take to stop on SIGTERM before SIGKILL (default 10s)
     */
    public record Workload(Integer rate, Integer maxRequests, Duration baseline, Duration stopGrace) {
        public Workload {
            rate = rate == null ? 100 : rate;
            maxRequests = maxRequests == null ? 20_000 : maxRequests;
            baseline = baseline == null ? Duration.ofSeconds(2) : baseline;
            stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
        }
    }

    /** Per-check settings; every check is enabled unless it says {@code enabled: false}. */
    public record Checks(
            @JsonProperty("replicas-healthy") Toggle replicasHealthy,
            @JsonProperty("parallel-startup") ParallelStartup parallelStartup,
            @JsonProperty("shared-writes") Toggle sharedWrites,
            @JsonProperty("single-migration") Toggle singleMigration,
            @JsonProperty("lock-released") Toggle lockReleased,
            @JsonProperty("lb-reaches-all") LbReachesAll lbReachesAll,
            @JsonProperty("cross-replica-state") CrossReplicaState crossReplicaState,
            @JsonProperty("connection-headroom") ConnectionHeadroom connectionHeadroom,
            @JsonProperty("startup-budget") StartupBudget startupBudget,
            @JsonProperty("fresh-state") Toggle freshState) {

        public Checks {
            replicasHealthy = replicasHealthy == null ? new Toggle(null) : replicasHealthy;
            parallelStartup = parallelStartup == null ? new ParallelStartup(null, null) : parallelStartup;
            sharedWrites = sharedWrites == null ? new Toggle(null) : sharedWrites;
            singleMigration = singleMigration == null ? new Toggle(null) : singleMigration;
            lockReleased = lockReleased == null ? new Toggle(null) : lockReleased;
            lbReachesAll = lbReachesAll == null ? new LbReachesAll(null, null, null, null) : lbReachesAll;
            crossReplicaState = crossReplicaState == null ? new CrossReplicaState(null, null) : crossReplicaState;
            connectionHeadroom = connectionHeadroom == null ? new ConnectionHeadroom(null, null, null, null) : connectionHeadroom;
            startupBudget = startupBudget == null ? new StartupBudget(null, null) : startupBudget;
            freshState = freshState == null ? new Toggle(null) : freshState;
        }

        public Checks withLbReachesAll(LbReachesAll replacement) {
            return new Checks(replicasHealthy, parallelStartup, sharedWrites, singleMigration, lockReleased, replacement,
                    crossReplicaState, connectionHeadroom, startupBudget, freshState);
        }

        public Checks withConnectionHeadroom(ConnectionHeadroom replacement) {
            return new Checks(replicasHealthy, parallelStartup, sharedWrites, singleMigration, lockReleased, lbReachesAll,
                    crossReplicaState, replacement, startupBudget, freshState);
        }
    }

    public record Toggle(Boolean enabled) {
        public Toggle {
            enabled = enabled == null || enabled;
        }
    }

    /** @param maxSpread the largest allowed distance between the first and the last replica's start-up marker */
    public record ParallelStartup(Boolean enabled, Duration maxSpread) {
        public ParallelStartup {
            enabled = enabled == null || enabled;
            maxSpread = maxSpread == null ? Duration.ofSeconds(5) : maxSpread;
        }
    }

    /**
     * @param requests how many requests go through the load balancer
     * @param replicaHeader a response header that names the replica (its id, host name or address), when there is one
     * @param path the path requested (default: health.path)
     */
    public record LbReachesAll(Boolean enabled, Integer requests, String replicaHeader, String path) {
        public LbReachesAll {
            enabled = enabled == null || enabled;
            requests = requests == null ? 40 : requests;
        }
    }

    /** @param reads how many reads go through the load balancer after the create (default 3 per replica) */
    public record CrossReplicaState(Boolean enabled, Integer reads) {
        public CrossReplicaState {
            enabled = enabled == null || enabled;
        }
    }

    /**
     * @param poolSize each replica's pool size, when the connections seen in the database may not show it
     * @param margin connections kept free for administrators, migrations and other clients
     * @param poolField a field of the readiness answer that holds the pool size (dotted path, e.g. {@code pool.max})
     */
    public record ConnectionHeadroom(Boolean enabled, Integer poolSize, Integer margin, String poolField) {
        public ConnectionHeadroom {
            enabled = enabled == null || enabled;
            margin = margin == null ? 10 : margin;
        }
    }

    /** @param maxFraction the slowest time-to-healthy may use at most this fraction of the start_period */
    public record StartupBudget(Boolean enabled, Double maxFraction) {
        public StartupBudget {
            enabled = enabled == null || enabled;
            maxFraction = maxFraction == null ? 0.5 : maxFraction;
        }
    }
}
