package dev.scalecheck.compose;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.compose.lint.ComposeProject;
import dev.scalecheck.compose.lint.Finding;
import dev.scalecheck.compose.lint.LintTarget;
import dev.scalecheck.compose.lint.Linter;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.RunOwner;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One compose run: {@code down -v}, build, {@code up --wait} the database, {@code up --scale}
 * the service (never an {@code up} of it without {@code --scale}: that resets it to one
 * replica), the load balancer with {@code --no-deps}; {@code exec} for HTTP and SQL inside.
 */
final class ComposeDeployment implements Deployment {
    private static final Duration COMMAND = Duration.ofSeconds(120);
    private static final Duration EXEC = Duration.ofSeconds(20);
    private static final Duration PS_CACHE = Duration.ofMillis(500);

    private final Spec spec;
    private final Spec.Compose compose;
    private final Clock clock;
    private final ComposeCli cli;
    private final List<Path> files;
    private final ProjectOwner owner;
    private final RunOwner self = RunOwner.current();
    private List<Container> lastPs = List.of();
    private Instant lastPsAt = Instant.MIN;
    private Map<String, String> addresses;
    private ComposeSql database;
    private boolean owned;
    private boolean started;
    private boolean closed;

    ComposeDeployment(Spec spec, Clock clock) {
        this(spec, clock, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param owners where the project's owner file is kept */
    ComposeDeployment(Spec spec, Clock clock, Path owners) {
        this.spec = spec;
        this.compose = spec.compose() == null ? new Spec.Compose(null, null, null, null, null, null) : spec.compose();
        this.clock = clock;
        this.files = compose.files().stream().map(Path::of).map(Path::toAbsolutePath).toList();
        Path directory = files.get(0).getParent();
        this.cli = new ComposeCli(directory, compose.project(), files, compose.environment());
        this.owner = new ProjectOwner(owners, compose.project());
    }

    /**
     * Claims the project first ({@link ProjectOwner}): a project another live run uses is not
     * reset under it; the owner file of a run that is gone is taken over, and the outcome says so.
     */
    @Override
    public String reset() {
        Optional<String> previous = owner.claim(self);
        synchronized (this) {
            owned = true;
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(compose.environment());
        ComposeFile merged = ComposeModels.load(new ComposeProject(files, files.get(0).getParent(), List.of(), List.of(), environment));
        String dataDir = spec.probes() == null || spec.probes().writes() == null ? null : spec.probes().writes().dataDir();
        List<Finding> findings = Linter.standard().lint(merged, new LintTarget(spec.service(), compose.database(), compose.balancer(),
                null, dataDir));
        cli.require(COMMAND, null, "down", "--volumes", "--remove-orphans");
        synchronized (this) {
            started = true;
        }
        cli.require(Duration.ofMinutes(10), null, "build");
        return "down -v of project '" + compose.project() + "', images built; lint: "
                + (findings.isEmpty() ? "no findings" : findings.size() + " findings: " + findings.get(0).oneLine())
                + previous.map(gone -> "; took the project over from " + gone).orElse("");
    }

    @Override
    public SqlDatabase startDatabase(Deadline deadline) {
        cli.require(deadline.remaining(), null, "up", "--detach", "--wait", compose.database());
        DatabaseKind kind;
        try {
            kind = DatabaseKind.resolve(spec.database().kind(), this::databaseImage);
        } catch (IllegalArgumentException e) {
            throw new OrchestratorException(e.getMessage());
        }
        ComposeSql sql = new ComposeSql(cli, compose.database(), spec.database().name(), kind);
        synchronized (this) {
            database = sql;
        }
        return sql;
    }

    /** The database service's image as compose resolves it (variables substituted, files merged). */
    private Optional<String> databaseImage() {
        return ComposeOutput.image(cli.require(COMMAND, null, "config", "--format", "json").stdout(), compose.database());
    }

    @Override
    public List<Replica> startReplicas(int count) {
        String service = spec.service();
        cli.require(COMMAND, null, "up", "--detach", "--scale", service + "=" + count, service);
        cli.require(COMMAND, null, "up", "--detach", "--no-deps", compose.balancer());
        List<Container> containers = ps(true).stream().filter(c -> c.service().equals(service))
                .sorted(Comparator.comparingInt(Container::number)).toList();
        Map<String, Instant> startedAt = startTimes(containers.stream().map(Container::id).toList());
        List<Replica> replicas = new ArrayList<>();
        for (Container container : containers) {
            replicas.add(new Replica(container.number(), service + "-" + container.number(), container.id(),
                    startedAt.getOrDefault(container.id(), clock.instant())));
        }
        return replicas;
    }

    /** Docker's State.StartedAt of each container, by the id it was asked for (ps gives short ids, inspect full ones). */
    private Map<String, Instant> startTimes(List<String> containerIds) {
        if (containerIds.isEmpty()) {
            return Map.of();
        }
        Command.Result result = inspect("{{.Id}} {{.State.StartedAt}}", containerIds, COMMAND);
        Map<String, Instant> times = new HashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] parts = line.split(" ");
            for (String id : containerIds) {
                if (parts.length == 2 && parts[0].startsWith(id)) {
                    times.put(id, Instant.parse(parts[1]));
                }
            }
        }
        return times;
    }

    /** {@code docker inspect --format} of containers (compose has no inspect of its own). */
    private Command.Result inspect(String format, List<String> containerIds, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("docker", "inspect", "--format", format));
        command.addAll(containerIds);
        return Command.run(command, files.get(0).getParent(), Map.of(), timeout, null);
    }

    /** After a container's state changed: the next {@link #ps} asks again, and the addresses are read again. */
    private synchronized void forget() {
        lastPsAt = Instant.MIN;
        addresses = null;
    }

    private synchronized List<Container> ps(boolean fresh) {
        Instant now = clock.instant();
        if (fresh || Duration.between(lastPsAt, now).compareTo(PS_CACHE) > 0) {
            lastPs = ComposeOutput.containers(cli.require(COMMAND, null, "ps", "--all", "--format", "json").stdout());
            lastPsAt = now;
        }
        return lastPs;
    }

    /**
     * curl inside the replica's container. Headers (which may be secret) and the body go in on
     * stdin as curl's own config ({@code --config -}), never on the command line.
     */
    @Override
    public HttpAnswer request(Replica replica, String method, String path, String body, Map<String, String> headers) {
        List<String> args = new ArrayList<>(List.of("exec", "-T", "--index=" + replica.index(), spec.service()));
        args.addAll(InContainerCurl.command(method, spec.health().port(), path));
        Command.Result result = cli.run(EXEC, InContainerCurl.config(body, headers), args);
        if (!result.ok() && result.stdout().isBlank()) {
            return HttpAnswer.failed("exec in " + replica.id() + " failed (exit " + result.code() + "): " + result.stderr().strip());
        }
        return ComposeOutput.curl(result.stdout());
    }

    @Override
    public Command.Result exec(Replica replica, List<String> command, String stdin) {
        List<String> args = new ArrayList<>(List.of("exec", "-T", "--index=" + replica.index(), spec.service()));
        args.addAll(command);
        return cli.run(EXEC, stdin, args);
    }

    /** Docker's healthcheck status from {@code ps}; when unhealthy, with the last check's output from {@code inspect}. */
    @Override
    public Optional<String> platformUnhealthy(Replica replica) {
        Optional<Container> container = ps(false).stream().filter(c -> c.id().equals(replica.address())).findFirst();
        if (container.isEmpty()) {
            return Optional.of("Docker does not list its container " + replica.address());
        }
        if (!container.get().running()) {
            return Optional.of("its container is " + container.get().state()
                    + (container.get().state().equals("exited") ? " (exit code " + container.get().exitCode() + ")" : ""));
        }
        String health = container.get().health();
        if (health.isEmpty() || health.equals("healthy")) {
            return Optional.empty();
        }
        String why = "Docker health is '" + health + "'";
        if (health.equals("unhealthy")) {
            String state = inspect("{{json .State.Health}}", List.of(replica.address()), EXEC).stdout();
            why += ComposeOutput.lastHealthcheck(state).map(output -> " (last healthcheck: " + output + ")").orElse("");
        }
        return Optional.of(why);
    }

    @Override
    public OptionalInt exitCode(Replica replica) {
        return ps(false).stream().filter(c -> c.id().equals(replica.address()) && c.state().equals("exited"))
                .mapToInt(Container::exitCode).findFirst();
    }

    /** Docker's State.FinishedAt of a container that has exited (its latest run's end, when it was started again). */
    @Override
    public Optional<Instant> exitedAt(Replica replica) {
        if (exitCode(replica).isEmpty()) {
            return Optional.empty();
        }
        Command.Result result = inspect("{{.State.FinishedAt}}", List.of(replica.address()), EXEC);
        try {
            return result.ok() ? Optional.of(Instant.parse(result.stdout().strip())) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Every run of each replica's container: Docker keeps a container's log across {@code docker
     * start}, so a replica started again shows its earlier lines once, then its new ones. Nothing
     * before this run claimed the project (another run's lines are not this run's evidence).
     */
    @Override
    public List<LogLine> logs() {
        synchronized (this) {
            if (!started) {
                return List.of();
            }
        }
        // streamed and bounded: the lines the checks judge and each replica's last lines, whatever the log's size
        dev.scalecheck.core.BoundedLogs kept = new dev.scalecheck.core.BoundedLogs(BuiltInChecks.judgedLines(spec),
                dev.scalecheck.core.BoundedLogs.RECENT, dev.scalecheck.core.BoundedLogs.JUDGED,
                replica -> "docker logs of " + replica + " (and scalecheck-logs/ beside the reports)");
        cli.stream(COMMAND, List.of("logs", "--timestamps", "--no-color", spec.service()), out -> ComposeLogStream.parse(out, kept::add));
        return kept.lines();
    }

    /** {@code docker logs --timestamps} of each replica's container, both streams, straight into its file. */
    @Override
    public List<java.nio.file.Path> saveLogs(java.nio.file.Path directory) {
        List<java.nio.file.Path> written = new ArrayList<>();
        List<Container> containers = ps(true).stream().filter(c -> c.service().equals(spec.service()))
                .sorted(Comparator.comparingInt(Container::number)).toList();
        for (Container container : containers) {
            java.nio.file.Path file = directory.resolve(spec.service() + "-" + container.number() + ".log");
            try {
                java.nio.file.Files.createDirectories(directory);
                Process process = new ProcessBuilder("docker", "logs", "--timestamps", container.id())
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (!process.waitFor(COMMAND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                written.add(file);
            } catch (java.io.IOException e) {
                throw new OrchestratorException("cannot write " + file + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return written;
    }

    @Override
    public URI loadBalancer() {
        URI uri = URI.create(compose.loadBalancer().endsWith("/") ? compose.loadBalancer() : compose.loadBalancer() + "/");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost())) {
            throw new OrchestratorException("compose.loadBalancer " + uri + " is not on this machine; publish the load balancer "
                    + "on 127.0.0.1 and use http://127.0.0.1:<port>");
        }
        return uri;
    }

    @Override
    public Map<String, Integer> loadBalancerCounts() {
        return Map.of();
    }

    /** By container address: a session's client host is the replica container's address on the project's network. */
    @Override
    public Map<String, String> replicasOf(List<Replica> replicas, Collection<String> clients) {
        Map<String, String> byAddress = addresses(replicas);
        Map<String, String> traced = new HashMap<>();
        for (String client : clients) {
            String host = clientHost(client);
            if (byAddress.containsKey(host)) {
                traced.put(client, byAddress.get(host));
            }
        }
        return traced;
    }

    /**
     * The host of a client address {@code host:port} (MariaDB's PROCESSLIST.HOST, PostgreSQL's
     * client_addr and client_port joined), without a prefix length: PostgreSQL's inet cast to
     * text reads {@code 172.18.0.5/32}.
     */
    static String clientHost(String client) {
        int colon = client.lastIndexOf(':');
        String host = colon < 0 ? client : client.substring(0, colon);
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    /** Each replica container's network addresses (read once: they do not change while it runs). */
    private synchronized Map<String, String> addresses(List<Replica> replicas) {
        if (addresses == null && !replicas.isEmpty()) {
            Command.Result result = inspect("{{.Id}}{{range .NetworkSettings.Networks}} {{.IPAddress}}{{end}}",
                    replicas.stream().map(Replica::address).toList(), EXEC);
            Map<String, String> found = new HashMap<>();
            for (String line : result.stdout().lines().toList()) {
                String[] parts = line.trim().split("\\s+");
                for (Replica replica : replicas) {
                    if (parts.length > 1 && parts[0].startsWith(replica.address())) {
                        for (int i = 1; i < parts.length; i++) {
                            found.put(parts[i], replica.id());
                        }
                    }
                }
            }
            addresses = found;
        }
        return addresses == null ? Map.of() : addresses;
    }

    /**
     * {@code down --volumes --remove-orphans}: compose stops the containers of one service
     * together, the load balancer first (it depends on the service), then every replica at once,
     * then the database. Then the project is given up.
     */
    @Override
    public void close() {
        boolean down;
        boolean release;
        synchronized (this) {
            down = !closed && started;
            release = !closed && owned;
            closed = true;
        }
        try {
            if (down) {
                cli.require(COMMAND, null, "down", "--volumes", "--remove-orphans");
            }
        } finally {
            if (release) {
                owner.release(self);
            }
        }
    }

    /** {@code docker stop -t}: SIGTERM (or the image's STOPSIGNAL), SIGKILL after the grace; returns once it has stopped. */
    @Override
    public void stopReplica(Replica replica, Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        docker(grace.plus(COMMAND), "stop", "-t", Long.toString(seconds), replica.address());
        forget();
    }

    /** {@code docker kill} (SIGKILL), then {@code docker wait} until Docker counts it as exited. */
    @Override
    public void killReplica(Replica replica) {
        Command.Result killed = Command.run(List.of("docker", "kill", replica.address()), files.get(0).getParent(), Map.of(), EXEC,
                null);
        // docker kill refuses a container that is not running: it has ended already
        if (!killed.ok() && !killed.stderr().contains("is not running")) {
            throw new OrchestratorException("docker kill " + replica.id() + " failed (exit " + killed.code() + "): "
                    + killed.stderr().strip());
        }
        docker(COMMAND, "wait", replica.address());
        forget();
    }

    /**
     * {@code docker start} of the same container: the same id, number and volumes; its address on
     * the project's network may change, and the load balancer finds it by DNS as before. The
     * answer carries Docker's State.StartedAt of the new run.
     */
    @Override
    public Replica startAgain(Replica replica) {
        docker(COMMAND, "start", replica.address());
        forget();
        Instant startedAt = startTimes(List.of(replica.address())).get(replica.address());
        if (startedAt == null) {
            throw new OrchestratorException("docker inspect of " + replica.id() + " (" + replica.address()
                    + ") gave no start time after docker start");
        }
        return new Replica(replica.index(), replica.id(), replica.address(), startedAt);
    }

    /**
     * {@code docker compose restart} of the database service: a clean stop within its
     * stop_grace_period, then the same container on the same data, which the replicas reach by
     * the service's name as before. Returns when Docker counts it healthy (when it has a
     * healthcheck) and it answers a query.
     */
    @Override
    public void restartDatabase(Deadline deadline) {
        ComposeSql sql = requireDatabase("restart the database");
        cli.require(deadline.remaining(), null, "restart", compose.database());
        forget();
        String[] last = {"no answer yet"};
        Optional<Boolean> answered;
        try {
            answered = deadline.poll(Duration.ofMillis(250), () -> {
                Optional<Container> db = ps(true).stream().filter(c -> c.service().equals(compose.database())).findFirst();
                if (db.isEmpty() || !db.get().running()) {
                    last[0] = "its container is " + db.map(Container::state).orElse("gone");
                    return Optional.empty();
                }
                if (!db.get().health().isEmpty() && !db.get().health().equals("healthy")) {
                    last[0] = "Docker health is '" + db.get().health() + "'";
                    return Optional.empty();
                }
                try {
                    sql.query("SELECT 1 AS one");
                    return Optional.of(true);
                } catch (OrchestratorException e) {
                    last[0] = e.getMessage();
                    return Optional.empty();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for database service '" + compose.database()
                    + "' to answer after its restart", e);
        }
        if (answered.isEmpty()) {
            throw new OrchestratorException("database service '" + compose.database() + "' did not answer in time after "
                    + "docker compose restart (" + last[0] + ")");
        }
    }

    /** As the administrator, through the SQL probes' own path: see {@link EmptyDatabase}. */
    @Override
    public void emptyDatabase() {
        EmptyDatabase.replace(requireDatabase("empty the database"), spec.database().name());
    }

    private synchronized ComposeSql requireDatabase(String what) {
        if (database == null) {
            throw new OrchestratorException("cannot " + what + " before the database has started");
        }
        return database;
    }

    /** {@code docker <args>} with a deadline; a non-zero exit is an OrchestratorException naming the command and its error. */
    private Command.Result docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Command.Result result = Command.run(command, files.get(0).getParent(), Map.of(), timeout, null);
        if (!result.ok()) {
            throw new OrchestratorException(String.join(" ", command) + " failed (exit " + result.code() + "): "
                    + result.stderr().strip());
        }
        return result;
    }
}
