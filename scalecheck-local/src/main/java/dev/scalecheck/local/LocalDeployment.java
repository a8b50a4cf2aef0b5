package dev.scalecheck.local;

import dev.scalecheck.core.BoundedLogs;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.evidence.PlainHttp;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Placeholders;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.local.balancer.EmbeddedLoadBalancer;
import dev.scalecheck.local.balancer.HealthChecks;
import dev.scalecheck.local.database.DatabaseException;
import dev.scalecheck.local.database.EmbeddedDatabase;
import dev.scalecheck.local.process.LocalProcess;
import dev.scalecheck.local.process.SocketOwners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One local run: a new temporary directory holding the database's data, the shared data
 * directory, the password file (0600) and each replica's log files; all removed at close. The
 * directory names its owner (this process), so a later run can remove it if this one dies
 * without tearing down; each replica leads its own process group, stopped as a whole.
 *
 * <p>Each replica's output goes to its log files as it comes and stays there whole; memory keeps
 * the lines the checks judge by and each replica's last lines ({@link BoundedLogs}). The load
 * balancer is never told that a replica ended or started again: it finds out by its own health
 * checks on the spec's health path, as HAProxy does.
 */
final class LocalDeployment implements Deployment {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String APP_USER = "app";

    private final Spec spec;
    private final Clock clock;
    private final PlainHttp http = new PlainHttp(Duration.ofSeconds(5));
    private final BoundedLogs logs;
    private final Map<String, LocalProcess> processes = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new HashMap<>();
    private final Map<Integer, String> backendPorts = new HashMap<>();
    private Path directory;
    private EmbeddedDatabase database;
    private EmbeddedDatabase.Account account;
    private Path passwordFile;
    private EmbeddedLoadBalancer balancer;
    private boolean closed;

    LocalDeployment(Spec spec, Clock clock) {
        this(spec, clock, BoundedLogs.RECENT);
    }

    /** With {@code recentLines} of each replica kept in memory besides the lines the checks judge by. */
    LocalDeployment(Spec spec, Clock clock, int recentLines) {
        this.spec = spec;
        this.clock = clock;
        this.logs = new BoundedLogs(BuiltInChecks.judgedLines(spec), recentLines, BoundedLogs.JUDGED,
                id -> directory.resolve("replicas").resolve(id + ".stdout.log") + " and " + id + ".stderr.log");
    }

    /**
     * How a replica was started, to start it again the same way.
     *
     * @param visible its environment without the values that hold the password, for {@link #exec}
     */
    private record Launch(List<String> command, Map<String, String> environment, Map<String, String> visible,
            Path workingDirectory, Path logDirectory, int index, String address) {
        /** Without the environment: it may hold the password. */
        @Override
        public String toString() {
            return "replica " + index + " on " + address + ": " + command;
        }
    }

    @Override
    public synchronized String reset() {
        requireOpen();
        List<String> leftovers = LeftoverRuns.removeDead();
        try {
            directory = RunDirectory.create();
        } catch (IOException e) {
            throw new OrchestratorException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        String created = "new directory " + directory + " (nothing from earlier runs is reused)";
        return leftovers.isEmpty() ? created : created + "; " + String.join("; ", leftovers);
    }

    @Override
    public SqlDatabase startDatabase(Deadline deadline) {
        EmbeddedDatabase started;
        try {
            started = EmbeddedDatabase.start(spec.database().kind(), directory.resolve("db"));
        } catch (DatabaseException e) {
            throw new OrchestratorException(e.getMessage(), e);
        }
        synchronized (this) {
            database = started;
            if (closed) {
                started.close();
                throw new OrchestratorException("the run was stopped while the database started");
            }
        }
        account = started.createDatabase(spec.database().name(), APP_USER);
        passwordFile = directory.resolve("db-password");
        try {
            Files.writeString(passwordFile, "");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(passwordFile, account.password().reveal());
        } catch (IOException e) {
            throw new OrchestratorException("cannot write the password file: " + e.getMessage(), e);
        }
        String schema = spec.database().name();
        return new JdbcDatabase(started.kind(), () -> started.connect(schema));
    }

    @Override
    public synchronized List<Replica> startReplicas(int count) {
        requireOpen();
        Path dataDir = createDirectory("data");
        Path logDir = createDirectory("replicas");
        boolean demo = spec.local().command().isEmpty();
        Path workingDirectory = demo || spec.local().directory() == null ? logDir : Path.of(spec.local().directory());
        List<String> template = demo ? DemoService.command(DemoService.extractJar(directory)) : spec.local().command();
        List<Replica> replicas = new ArrayList<>();
        List<URI> backends = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            String id = spec.service() + "-" + index;
            int port = freePort();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("PORT", String.valueOf(port));
            values.put("BIND_ADDRESS", "127.0.0.1");
            values.put("REPLICA_ID", id);
            values.put("REPLICA_INDEX", String.valueOf(index));
            values.put("DATA_DIR", dataDir.toString());
            values.put("DB_HOST", "127.0.0.1");
            values.put("DB_PORT", String.valueOf(database.port()));
            values.put("DB_NAME", spec.database().name());
            values.put("DB_URL", database.jdbcUrl(spec.database().name()));
            values.put("DB_KIND", database.kind());
            values.put("DB_USER", account.user());
            values.put("DB_PASSWORD_FILE", passwordFile.toString());
            Map<String, String> environment = new HashMap<>(values);
            environment.put(RunDirectory.ENVIRONMENT_MARK, directory.toString());
            Map<String, String> withSecret = new HashMap<>(values);
            withSecret.put(Placeholders.PASSWORD, account.password().reveal());
            spec.local().environment().forEach((key, value) -> environment.put(key, expand(value, withSecret)));
            List<String> command = resolve(template.stream().map(arg -> expand(arg, values)).toList(), workingDirectory);
            Map<String, String> visible = new HashMap<>(environment);
            visible.keySet().removeIf(key -> spec.local().environment().getOrDefault(key, "").contains("${" + Placeholders.PASSWORD + "}"));
            String address = "127.0.0.1:" + port;
            Launch launch = new Launch(command, Map.copyOf(environment), Map.copyOf(visible), workingDirectory, logDir, index, address);
            launches.put(id, launch);
            processes.put(id, launch(id, launch));
            backendPorts.put(port, id);
            replicas.add(new Replica(index, id, address, clock.instant()));
            backends.add(URI.create("http://" + address));
        }
        // never told when a replica ends or starts again: it finds out by its health checks
        balancer = EmbeddedLoadBalancer.start(backends, HealthChecks.haproxy(spec.health().path()));
        return replicas;
    }

    private LocalProcess launch(String id, Launch launch) {
        return LocalProcess.start(id, launch.command(), launch.environment(), launch.workingDirectory(), launch.logDirectory(),
                clock, logs::add);
    }

    /** A relative program path ({@code ./run.sh}, {@code bin/app}) resolves against the working directory, as compose resolves its paths. */
    private static List<String> resolve(List<String> command, Path workingDirectory) {
        String program = command.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            List<String> resolved = new ArrayList<>(command);
            resolved.set(0, workingDirectory.resolve(program).normalize().toString());
            return resolved;
        }
        return command;
    }

    static String expand(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    @Override
    public HttpAnswer request(Replica replica, String method, String path, String body, Map<String, String> headers) {
        return http.send(method, URI.create("http://" + replica.address() + path), body, headers);
    }

    /** A process with the replica's environment, in its directory; {@code ${NAME}} in the arguments is that environment's NAME. */
    @Override
    public Command.Result exec(Replica replica, List<String> command, String stdin) {
        Map<String, String> environment;
        synchronized (this) {
            Launch launch = launches.get(replica.id());
            environment = launch == null ? Map.of() : launch.visible();
        }
        List<String> expanded = command.stream().map(arg -> expand(arg, environment)).toList();
        return Command.run(expanded, directory.resolve("replicas"), environment, Duration.ofSeconds(20), stdin);
    }

    @Override
    public synchronized OptionalInt exitCode(Replica replica) {
        LocalProcess process = processes.get(replica.id());
        return process == null ? OptionalInt.empty() : process.exitCode();
    }

    @Override
    public synchronized Optional<Instant> exitedAt(Replica replica) {
        LocalProcess process = processes.get(replica.id());
        return process == null ? Optional.empty() : process.endedAt();
    }

    /** Bounded: the lines the checks judge by and each replica's last lines, with a note where others were left out. */
    @Override
    public List<LogLine> logs() {
        return logs.lines();
    }

    /** How many replica lines memory holds now. */
    int linesHeld() {
        return logs.held();
    }

    /** Each replica's stdout then its stderr, as its process wrote them (every start of it), into {@code <replica>.log}. */
    @Override
    public List<Path> saveLogs(Path target) {
        List<String> ids;
        synchronized (this) {
            if (directory == null) {
                return List.of();
            }
            ids = new ArrayList<>(processes.keySet());
        }
        List<Path> written = new ArrayList<>();
        Path source = directory.resolve("replicas");
        try {
            Files.createDirectories(target);
            for (String id : ids) {
                Path file = target.resolve(id + ".log");
                try (var out = Files.newOutputStream(file)) {
                    for (String stream : List.of("stdout", "stderr")) {
                        Path log = source.resolve(id + "." + stream + ".log");
                        if (Files.exists(log)) {
                            out.write(("== " + stream + " ==\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            Files.copy(log, out);
                        }
                    }
                }
                written.add(file);
            }
        } catch (IOException e) {
            throw new OrchestratorException("cannot write the replicas' logs to " + target + ": " + e.getMessage(), e);
        }
        return written;
    }

    @Override
    public synchronized URI loadBalancer() {
        if (balancer == null) {
            throw new OrchestratorException("the load balancer has not started");
        }
        return balancer.uri();
    }

    @Override
    public synchronized Map<String, Integer> loadBalancerCounts() {
        if (balancer == null) {
            return Map.of();
        }
        Map<String, Integer> counts = new TreeMap<>();
        backendPorts.values().forEach(id -> counts.put(id, 0));
        balancer.answeredByPort().forEach((port, count) -> {
            String id = backendPorts.get(port);
            if (id != null) {
                counts.put(id, count);
            }
        });
        return counts;
    }

    /** By the process that owns each client socket: the replica's own process or one of its descendants. */
    @Override
    public Map<String, String> replicasOf(List<Replica> replicas, Collection<String> clients) {
        Map<Integer, String> byPort = new HashMap<>();
        for (String client : clients) {
            int colon = client.lastIndexOf(':');
            if (colon > 0) {
                try {
                    byPort.put(Integer.parseInt(client.substring(colon + 1)), client);
                } catch (NumberFormatException ignored) {
                    // a socket-file session: no port to trace
                }
            }
        }
        if (byPort.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Long> inodes = SocketOwners.inodesByLocalPort();
        Map<Long, String> owners = new HashMap<>();
        List<Map.Entry<String, LocalProcess>> running;
        synchronized (this) {
            running = new ArrayList<>(processes.entrySet());
        }
        for (Map.Entry<String, LocalProcess> entry : running) {
            for (long pid : entry.getValue().pids()) {
                SocketOwners.socketsOf(pid).forEach(inode -> owners.put(inode, entry.getKey()));
            }
        }
        Map<String, String> traced = new HashMap<>();
        byPort.forEach((port, client) -> {
            Long inode = inodes.get(port);
            if (inode != null && owners.containsKey(inode)) {
                traced.put(client, owners.get(inode));
            }
        });
        return traced;
    }

    /**
     * The password file first (also when what follows fails), then every replica at once (each
     * one's whole process group), the load balancer, the database and the directory.
     *
     * @throws OrchestratorException naming any process of a replica still alive after SIGKILL
     */
    @Override
    public void close() {
        List<LocalProcess> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(processes.values());
        }
        if (directory != null) {
            LeftoverRuns.deletePasswordFiles(directory);
        }
        List<LocalProcess.Survivor> survivors = List.of();
        try {
            survivors = LocalProcess.stopAll(running, STOP_GRACE);
            if (balancer != null) {
                balancer.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            if (directory != null) {
                LeftoverRuns.stopStrays(directory);
            }
            TemporaryDirectories.deleteQuietly(directory);
        }
        if (!survivors.isEmpty()) {
            throw new OrchestratorException("teardown left " + survivors.size() + " process" + (survivors.size() == 1 ? "" : "es")
                    + " of the replicas running after SIGKILL: " + survivors.stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new OrchestratorException("the run was stopped");
        }
    }

    private Path createDirectory(String name) {
        try {
            return Files.createDirectories(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new OrchestratorException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** SIGTERM to the replica's process group, SIGKILL after {@code grace}; returns once all of it has ended. */
    @Override
    public void stopReplica(Replica replica, Duration grace) {
        requireEnded(replica, LocalProcess.stopAll(List.of(process(replica)), grace), "stopping");
    }

    /** SIGKILL to the replica's process group, no SIGTERM before; returns once all of it has ended. */
    @Override
    public void killReplica(Replica replica) {
        requireEnded(replica, LocalProcess.killAll(List.of(process(replica))), "killing");
    }

    private static void requireEnded(Replica replica, List<LocalProcess.Survivor> survivors, String doing) {
        if (!survivors.isEmpty()) {
            throw new OrchestratorException(doing + " " + replica.id() + " left " + survivors.size() + " of its processes running after SIGKILL: "
                    + survivors.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /**
     * A new process for the replica, as it was started: the same command, environment and port
     * (the load balancer's backend stays the same address), its lines appended to the same log.
     * The replica must have ended (stopped, killed or exited by itself).
     */
    @Override
    public Replica startAgain(Replica replica) {
        LocalProcess previous = process(replica);
        if (previous.isAlive()) {
            throw new OrchestratorException(replica.id() + " is still running (pid " + previous.pid()
                    + "); stop or kill it before starting it again");
        }
        try {
            // its last lines first, so that the log stays in order and the new tail starts after them
            previous.awaitExit(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted before " + replica.id() + " started again", e);
        }
        synchronized (this) {
            requireOpen();
            Launch launch = launches.get(replica.id());
            LocalProcess started = launch(replica.id(), launch);
            processes.put(replica.id(), started);
            return new Replica(launch.index(), replica.id(), launch.address(), clock.instant());
        }
    }

    /** The replica's current process. */
    synchronized LocalProcess process(Replica replica) {
        LocalProcess process = processes.get(replica.id());
        if (process == null) {
            throw new OrchestratorException("no replica " + replica.id() + " in this run");
        }
        return process;
    }

    @Override
    public void restartDatabase(Deadline deadline) {
        try {
            requireDatabase().restart(deadline);
        } catch (DatabaseException e) {
            throw new OrchestratorException(e.getMessage(), e);
        }
    }

    /** Drops and creates the application's database, owned and granted as before; the replicas must have been stopped. */
    @Override
    public void emptyDatabase() {
        try {
            requireDatabase().emptyDatabase(spec.database().name(), account.user());
        } catch (DatabaseException e) {
            throw new OrchestratorException(e.getMessage(), e);
        }
    }

    private EmbeddedDatabase requireDatabase() {
        EmbeddedDatabase current;
        synchronized (this) {
            requireOpen();
            current = database;
        }
        if (current == null) {
            throw new OrchestratorException("the database has not started");
        }
        return current;
    }
}
