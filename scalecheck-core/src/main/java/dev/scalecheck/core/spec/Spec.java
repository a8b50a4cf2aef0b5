package dev.scalecheck.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code scalecheck.yml}: what to deploy, how many replicas, which checks. Every
 * field has a default, so an empty file is the demo on the local orchestrator.
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
        Checks checks) {

    public static final int MAX_REPLICAS = 64;

    public Spec {
        orchestrator = orchestrator == null ? "local" : orchestrator;
        replicas = replicas == null ? 4 : replicas;
        service = service == null ? "api" : service;
        local = local == null ? new Local(null, null) : local;
        health = health == null ? new Health(null, null, null, null) : health;
        database = database == null ? new Database(null, null, null) : database;
        markers = markers == null ? Markers.preset("demo") : markers;
        probes = probes == null ? new Probes(null, null) : probes;
        checks = checks == null ? new Checks(null, null, null, null, null, null, null, null, null, null) : checks;
    }

    public Spec withReplicas(int count) {
        return new Spec(orchestrator, count, service, local, compose, health, database, markers, probes, checks);
    }

    public Spec withLocal(Local replacement) {
        return new Spec(orchestrator, replicas, service, replacement, compose, health, database, markers, probes, checks);
    }

    public Spec withCompose(Compose replacement) {
        return new Spec(orchestrator, replicas, service, local, replacement, health, database, markers, probes, checks);
    }

    public Spec withHealth(Health replacement) {
        return new Spec(orchestrator, replicas, service, local, compose, replacement, database, markers, probes, checks);
    }

    /**
     * The local orchestrator: replica processes from a command template.
     *
     * @param command the replica command; placeholders {@code ${PORT}}, {@code ${REPLICA_ID}},
     *     {@code ${REPLICA_INDEX}}, {@code ${DATA_DIR}}, {@code ${DB_URL}}, {@code ${DB_USER}},
     *     {@code ${DB_PASSWORD_FILE}}; empty means the built-in demo-api
     * @param environment extra environment for every replica (placeholders allowed)
     */
    public record Local(List<String> command, Map<String, String> environment) {
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
     * @param path the replica's own readiness endpoint
     * @param port the port the replica listens on inside its container (compose)
     * @param timeout how long each replica may take to become ready
     * @param startPeriod the healthcheck start_period the start-up budget is measured against
     */
    public record Health(String path, Integer port, Duration timeout, Duration startPeriod) {
        public Health {
            path = path == null ? "/api/health/ready" : path;
            port = port == null ? 7777 : port;
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        }
    }

    /**
     * @param name the application's database (schema)
     * @param lockName the named lock the service migrates under; without it lock-released is skipped
     * @param migrationTable the history table; empty means look for Flyway's, Liquibase's and {@code schema_version}
     */
    public record Database(String name, String lockName, String migrationTable) {
        public Database {
            name = name == null ? "app" : name;
            lockName = lockName == null ? "demo_migration" : lockName;
        }
    }

    /**
     * @param writes how each replica writes its token and reads the others'
     * @param state the cross-replica state probe; without it cross-replica-state is skipped
     */
    public record Probes(Writes writes, State state) {
        public Probes {
            writes = writes == null ? new Writes(null, null) : writes;
            state = state == null ? new State("/api/items", "{\"probe\":\"scalecheck\"}", "/api/items/{id}", "id") : state;
        }
    }

    /**
     * The write test: through the replica's own endpoint ({@code path} with {@code {name}}: PUT
     * writes, GET reads) or, with {@code dataDir}, by a shell run in the replica's environment
     * (compose: {@code exec}; local: a process with its environment, {@code ${DATA_DIR}} allowed).
     */
    public record Writes(String path, String dataDir) {
        public Writes {
            path = path == null && dataDir == null ? "/api/data/{name}" : path;
        }
    }

    /**
     * @param create POSTed through the load balancer with {@code body}
     * @param read GET through the load balancer, {@code {id}} replaced by the created id
     * @param idField the JSON field of the create answer that holds the id
     */
    public record State(String create, String body, String read, String idField) {}

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
            connectionHeadroom = connectionHeadroom == null ? new ConnectionHeadroom(null, null, null) : connectionHeadroom;
            startupBudget = startupBudget == null ? new StartupBudget(null, null) : startupBudget;
            freshState = freshState == null ? new Toggle(null) : freshState;
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
     * @param replicaHeader the response header that names the replica
     * @param path the path requested
     */
    public record LbReachesAll(Boolean enabled, Integer requests, String replicaHeader, String path) {
        public LbReachesAll {
            enabled = enabled == null || enabled;
            requests = requests == null ? 40 : requests;
            replicaHeader = replicaHeader == null ? "X-Replica-Id" : replicaHeader;
            path = path == null ? "/api/health" : path;
        }
    }

    /** @param reads how many reads go through the load balancer after the create (default 3 per replica) */
    public record CrossReplicaState(Boolean enabled, Integer reads) {
        public CrossReplicaState {
            enabled = enabled == null || enabled;
        }
    }

    /**
     * @param poolSize each replica's pool size when the replica does not report it
     * @param margin connections kept free for administrators, migrations and other clients
     */
    public record ConnectionHeadroom(Boolean enabled, Integer poolSize, Integer margin) {
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
