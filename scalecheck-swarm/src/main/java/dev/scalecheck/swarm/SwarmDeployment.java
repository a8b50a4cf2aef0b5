package dev.scalecheck.swarm;

import dev.scalecheck.compose.ComposeOutput;
import dev.scalecheck.compose.InContainerCurl;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Collectors;

/**
 * One swarm run, over the docker CLI against a manager: {@code stack rm} (polled until its
 * containers and network are gone on every node, then its volumes removed on every node),
 * {@code stack deploy} with the service at 0 and the database waited for, {@code service scale}
 * to N with each task followed through {@code service ps}; readiness, HTTP and SQL by
 * {@code exec} into a task's container on its own node; logs by {@code service logs
 * --timestamps}. Replicas are named by slot ({@code api-3}) and carry their node.
 */
final class SwarmDeployment implements Deployment {
    private static final Duration COMMAND = Duration.ofSeconds(120);
    private static final Duration EXEC = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PS_CACHE = Duration.ofMillis(500);
    static final String NAMESPACE = "com.docker.stack.namespace";

    private final Spec spec;
    private final Spec.Compose compose;
    private final Clock clock;
    private final SwarmCli cli;
    private final List<Path> files;
    private final String stack;
    private Map<String, String> nodeAddresses = Map.of();
    private List<Task> lastPs = List.of();
    private Instant lastPsAt = Instant.MIN;
    private final Map<String, String> containerOfTask = new HashMap<>();
    private boolean started;
    private boolean closed;

    SwarmDeployment(Spec spec, Clock clock) {
        this.spec = spec;
        this.compose = spec.compose() == null ? new Spec.Compose(null, null, null, null, null, null) : spec.compose();
        this.clock = clock;
        this.files = compose.files().stream().map(Path::of).map(Path::toAbsolutePath).toList();
        this.cli = new SwarmCli(files.get(0).getParent(), compose.environment());
        this.stack = compose.project();
    }

    private String service(String name) {
        return stack + "_" + name;
    }

    @Override
    public String reset() {
        Command.Result info = cli.run(COMMAND, null, List.of("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"));
        if (!info.ok() || !info.stdout().strip().equals("active true")) {
            throw new OrchestratorException("the docker engine at " + engineName() + " is not a swarm manager ("
                    + (info.ok() ? "swarm state: " + info.stdout().strip() : SwarmCli.tail(info.stderr()))
                    + "); point DOCKER_HOST at a manager, or start the lab with scripts/swarm-lab.sh up");
        }
        List<SwarmNode> nodes = nodes();
        synchronized (this) {
            started = true;
        }
        String removed = removeStack();
        return "stack rm of '" + stack + "'" + removed + "; cluster: " + nodes.size() + " nodes ("
                + nodes.stream().map(n -> n.hostname() + (n.manager() ? " manager" : "") + (n.schedulable() ? "" : " " + n.status()
                        + "/" + n.availability())).collect(Collectors.joining(", ")) + ")";
    }

    private static String engineName() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? "the current docker context" : "DOCKER_HOST " + host;
    }

    List<SwarmNode> nodes() {
        List<SwarmNode> nodes = SwarmOutput.nodes(cli.require(COMMAND, "node", "ls", "--format", "json").stdout());
        List<String> args = new ArrayList<>(List.of("node", "inspect", "--format", "{{.Description.Hostname}} {{.Status.Addr}}"));
        nodes.forEach(n -> args.add(n.id()));
        Map<String, String> addresses = new TreeMap<>();
        for (String line : cli.require(COMMAND, args.toArray(String[]::new)).stdout().lines().toList()) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2) {
                addresses.put(parts[0], parts[1]);
            }
        }
        synchronized (this) {
            nodeAddresses = addresses;
        }
        return nodes;
    }

    private synchronized String address(String node) {
        String address = nodeAddresses.get(node);
        if (address == null) {
            throw new OrchestratorException("node '" + node + "' is not in the swarm's node list (" + nodeAddresses.keySet() + ")");
        }
        return address;
    }

    /**
     * {@code stack rm}, then polls every node until no container of the stack is left and the
     * manager until its network is gone; then removes the stack's volumes on every node (swarm
     * leaves them). A node that does not answer is named.
     */
    private String removeStack() {
        Instant begin = clock.instant();
        Command.Result rm = cli.run(COMMAND, null, List.of("stack", "rm", stack));
        if (!rm.ok() && !(rm.stdout() + rm.stderr()).contains("Nothing found in stack")) {
            throw new OrchestratorException("docker stack rm " + stack + " failed (exit " + rm.code() + "): " + SwarmCli.tail(rm.stderr()));
        }
        Map<String, String> addresses;
        synchronized (this) {
            addresses = new TreeMap<>(nodeAddresses);
        }
        Deadline deadline = Deadline.after(COMMAND, clock);
        List<String> unreachable = new ArrayList<>();
        String[] left = {""};
        Optional<Boolean> gone;
        try {
            gone = deadline.poll(POLL, () -> {
                List<String> remaining = new ArrayList<>();
                unreachable.clear();
                addresses.forEach((node, address) -> {
                    Command.Result ps = cli.onNode(address, EXEC, null, List.of("ps", "-aq", "--filter", "label=" + NAMESPACE + "=" + stack));
                    if (!ps.ok()) {
                        unreachable.add(node);
                    } else if (!ps.stdout().isBlank()) {
                        remaining.add(node + ": " + ps.stdout().strip().lines().count() + " containers");
                    }
                });
                Command.Result networks = cli.run(EXEC, null, List.of("network", "ls", "-q", "--filter", "label=" + NAMESPACE + "=" + stack));
                if (!networks.stdout().isBlank()) {
                    remaining.add("its network");
                }
                left[0] = String.join(", ", remaining);
                return remaining.isEmpty() ? Optional.of(true) : Optional.empty();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for stack '" + stack + "' to go", e);
        }
        if (gone.isEmpty()) {
            throw new OrchestratorException("stack '" + stack + "' was not gone " + COMMAND.toSeconds() + " s after docker stack rm ("
                    + left[0] + " left)");
        }
        Duration took = Duration.between(begin, clock.instant());
        int volumes = 0;
        for (Map.Entry<String, String> node : addresses.entrySet()) {
            if (unreachable.contains(node.getKey())) {
                continue;
            }
            List<String> names = cli.onNode(node.getValue(), EXEC, null,
                    List.of("volume", "ls", "-q", "--filter", "label=" + NAMESPACE + "=" + stack)).stdout().lines()
                    .filter(l -> !l.isBlank()).toList();
            if (!names.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("volume", "rm"));
                args.addAll(names);
                cli.requireOnNode(node.getValue(), COMMAND, args.toArray(String[]::new));
                volumes += names.size();
            }
        }
        return String.format(" (gone from every node in %.1f s), %d volumes removed%s", took.toMillis() / 1000.0, volumes,
                unreachable.isEmpty() ? "" : "; nodes not answering, their volumes left: " + unreachable);
    }

    @Override
    public SqlDatabase startDatabase(Deadline deadline) {
        String kind = spec.database().kind();
        if (kind != null && !kind.equals("mariadb") && !kind.equals("mysql")) {
            throw new OrchestratorException("database.kind " + kind + ": the swarm backend probes MariaDB (and MySQL) only so far; "
                    + "use orchestrator compose for " + kind);
        }
        List<String> deploy = new ArrayList<>(List.of("stack", "deploy", "--resolve-image", "never", "--prune"));
        for (Path file : files) {
            deploy.add("--compose-file");
            deploy.add(file.toString());
        }
        deploy.add(stack);
        cli.require(COMMAND, deploy.toArray(String[]::new));
        // the scaled service waits for the database: whatever the file says, it starts at 0
        cli.require(COMMAND, "service", "scale", "--detach", service(spec.service()) + "=0");
        String[] last = {"no task yet"};
        Optional<SwarmSql.Location> ready;
        try {
            ready = deadline.poll(POLL, () -> {
                Optional<Task> task = current(compose.database()).stream().findFirst();
                if (task.isEmpty() || !task.get().running()) {
                    last[0] = task.map(t -> "its task is " + t.describe()).orElse("no task yet");
                    return Optional.empty();
                }
                SwarmSql.Location at = new SwarmSql.Location(address(task.get().node()), container(task.get()));
                try {
                    new SwarmSql(cli, compose.database(), spec.database().name(), () -> at).query("SELECT 1 AS one");
                    return Optional.of(at);
                } catch (OrchestratorException e) {
                    last[0] = e.getMessage();
                    return Optional.empty();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for database service '" + compose.database() + "'", e);
        }
        if (ready.isEmpty()) {
            throw new OrchestratorException("database service '" + compose.database() + "' of stack '" + stack + "' did not answer in time ("
                    + last[0] + ")");
        }
        return new SwarmSql(cli, compose.database(), spec.database().name(), this::databaseLocation);
    }

    private SwarmSql.Location databaseLocation() {
        Task task = current(compose.database()).stream().filter(Task::running).findFirst().orElseThrow(() ->
                new OrchestratorException("database service '" + compose.database() + "' has no running task"));
        return new SwarmSql.Location(address(task.node()), container(task));
    }

    /** The tasks the manager wants running, of one service of the stack, by slot. */
    private List<Task> current(String name) {
        return ps(name, true).stream().filter(Task::desiredRunning).sorted(java.util.Comparator.comparingInt(Task::slot)).toList();
    }

    private List<Task> ps(String name, boolean fresh) {
        if (!name.equals(spec.service())) {
            return SwarmOutput.tasks(cli.require(COMMAND, "service", "ps", "--no-trunc", "--format", "json", service(name)).stdout());
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (fresh || Duration.between(lastPsAt, now).compareTo(PS_CACHE) > 0) {
                lastPs = SwarmOutput.tasks(cli.require(COMMAND, "service", "ps", "--no-trunc", "--format", "json", service(name)).stdout());
                lastPsAt = now;
            }
            return lastPs;
        }
    }

    /** The container of a task (from the manager's task record), cached: a task never changes container. */
    private String container(Task task) {
        synchronized (this) {
            String known = containerOfTask.get(task.id());
            if (known != null) {
                return known;
            }
        }
        String id = cli.require(EXEC, "inspect", "--type", "task", "--format", "{{with .Status.ContainerStatus}}{{.ContainerID}}{{end}}", task.id())
                .stdout().strip();
        if (id.isEmpty() || id.equals("<no value>")) {
            return "";
        }
        synchronized (this) {
            containerOfTask.put(task.id(), id);
        }
        return id;
    }

    /**
     * {@code service scale --detach} to {@code count}, then {@code service ps} until each slot
     * 1..N has a task the manager wants running with a container on a node (readiness is the
     * runner's to poll). A task that fails or is rejected first is named with its error.
     */
    @Override
    public List<Replica> startReplicas(int count) {
        cli.require(COMMAND, "service", "scale", "--detach", service(spec.service()) + "=" + count);
        Deadline deadline = Deadline.after(spec.health().timeout(), clock);
        String[] last = {"no task yet"};
        Optional<List<Replica>> replicas;
        try {
            replicas = deadline.poll(POLL, () -> {
                List<Task> tasks = current(spec.service());
                List<Replica> found = new ArrayList<>();
                for (int slot = 1; slot <= count; slot++) {
                    int s = slot;
                    Optional<Task> task = tasks.stream().filter(t -> t.slot() == s && !t.node().isEmpty()).findFirst();
                    String container = task.map(this::container).orElse("");
                    if (task.isEmpty() || container.isEmpty()) {
                        last[0] = replicaId(slot) + ": " + task.map(Task::describe).orElse("no task assigned to a node yet")
                                + failedBefore(s);
                        return Optional.empty();
                    }
                    found.add(replica(task.get(), container));
                }
                return Optional.of(found);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for the tasks of service '" + spec.service() + "'", e);
        }
        return replicas.orElseThrow(() -> new OrchestratorException("service '" + spec.service() + "' of stack '" + stack + "' had no "
                + count + " tasks with containers within " + spec.health().timeout().toSeconds() + " s (" + last[0] + ")"));
    }

    /** The last error of an ended task in this slot, as {@code ; before: failed on node2 (...)}. */
    private String failedBefore(int slot) {
        return ps(spec.service(), false).stream().filter(t -> t.slot() == slot && !t.desiredRunning() && !t.error().isEmpty())
                .findFirst().map(t -> "; before: " + t.describe()).orElse("");
    }

    private String replicaId(int slot) {
        return spec.service() + "-" + slot;
    }

    private Replica replica(Task task, String container) {
        Instant startedAt = startedAt(task.node(), container).orElse(clock.instant());
        return new Replica(task.slot(), replicaId(task.slot()), container, startedAt, task.node());
    }

    private Optional<Instant> startedAt(String node, String container) {
        Command.Result result = cli.onNode(address(node), EXEC, null, List.of("inspect", "--format", "{{.State.StartedAt}}", container));
        try {
            Instant at = Instant.parse(result.stdout().strip());
            return result.ok() && at.isAfter(Instant.EPOCH) ? Optional.of(at) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The manager's current task of the replica's container, if it still lists one. */
    private Optional<Task> taskOf(Replica replica, boolean fresh) {
        return ps(spec.service(), fresh).stream().filter(t -> t.slot() == replica.index())
                .filter(t -> replica.address().equals(containerIfKnown(t))).findFirst();
    }

    private synchronized String containerIfKnown(Task task) {
        return containerOfTask.getOrDefault(task.id(), "");
    }

    private String nodeOf(Replica replica) {
        if (replica.node() == null) {
            throw new OrchestratorException("replica " + replica.id() + " has no node");
        }
        return address(replica.node());
    }

    /** curl inside the task's container on its node; headers and body on stdin as curl's config, never in argv. */
    @Override
    public HttpAnswer request(Replica replica, String method, String path, String body, Map<String, String> headers) {
        List<String> args = new ArrayList<>(List.of("exec", "-i", replica.address()));
        args.addAll(InContainerCurl.command(method, spec.health().port(), path));
        Command.Result result = cli.onNode(nodeOf(replica), EXEC, InContainerCurl.config(body, headers), args);
        if (!result.ok() && result.stdout().isBlank()) {
            return HttpAnswer.failed("exec in " + replica.id() + " on " + replica.node() + " failed (exit " + result.code() + "): "
                    + result.stderr().strip());
        }
        return ComposeOutput.curl(result.stdout());
    }

    @Override
    public Command.Result exec(Replica replica, List<String> command, String stdin) {
        List<String> args = new ArrayList<>(List.of("exec", "-i", replica.address()));
        args.addAll(command);
        return cli.onNode(nodeOf(replica), EXEC, stdin, args);
    }

    /** The manager's view: the task is not running (yet, or any more), or was replaced by another. */
    @Override
    public Optional<String> platformUnhealthy(Replica replica) {
        Optional<Task> task = taskOf(replica, false);
        if (task.isEmpty()) {
            return Optional.of("swarm lists no task of " + replica.id() + " with its container " + shortId(replica.address()));
        }
        if (!task.get().desiredRunning()) {
            return Optional.of("its task was shut down by the manager (" + task.get().describe() + ")");
        }
        return task.get().running() ? Optional.empty() : Optional.of("its task is " + task.get().describe());
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    @Override
    public OptionalInt exitCode(Replica replica) {
        Optional<Task> task = taskOf(replica, false);
        if (task.isEmpty() || !task.get().ended()) {
            return OptionalInt.empty();
        }
        String code = cli.run(EXEC, null, List.of("inspect", "--type", "task", "--format", "{{with .Status.ContainerStatus}}{{.ExitCode}}{{end}}",
                task.get().id())).stdout().strip();
        try {
            return OptionalInt.of(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Every task of the service, by slot: a replaced task's lines come first, under the same replica. */
    @Override
    public List<LogLine> logs() {
        synchronized (this) {
            if (!started) {
                return List.of();
            }
        }
        return SwarmOutput.logs(serviceLogs(), spec.service());
    }

    /** {@code service logs} of a node that is down fails for its tasks only; what came is used. */
    private String serviceLogs() {
        return cli.run(COMMAND, null, List.of("service", "logs", "--timestamps", "--no-trunc", service(spec.service()))).stdout();
    }

    @Override
    public List<Path> saveLogs(Path directory) {
        Map<String, StringBuilder> byReplica = new LinkedHashMap<>();
        for (LogLine line : logs()) {
            byReplica.computeIfAbsent(line.replica(), r -> new StringBuilder()).append(line.at()).append(' ').append(line.text()).append('\n');
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, StringBuilder> entry : byReplica.entrySet()) {
                Path file = directory.resolve(entry.getKey() + ".log");
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new OrchestratorException("cannot write the logs into " + directory + ": " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * The nodes as the manager lists them, the service's placement (constraints, reservations,
     * max replicas per node, from {@code service inspect}) and the errors of its tasks that the
     * manager wants running but could not place or keep.
     */
    @Override
    public Optional<dev.scalecheck.core.orchestrator.Cluster> cluster() {
        List<SwarmNode> nodes = nodes();
        String inspect = cli.require(COMMAND, "service", "inspect", "--format", "{{json .Spec.TaskTemplate}}", service(spec.service()))
                .stdout();
        SwarmOutput.Placement placement = SwarmOutput.placement(inspect);
        List<String> errors = ps(spec.service(), true).stream().filter(t -> t.desiredRunning() && !t.error().isEmpty())
                .map(t -> replicaId(t.slot()) + ": " + t.describe()).toList();
        return Optional.of(new dev.scalecheck.core.orchestrator.Cluster(
                nodes.stream().filter(SwarmNode::schedulable).map(SwarmNode::hostname).toList(),
                nodes.stream().filter(n -> !n.schedulable()).map(n -> n.hostname() + " (" + n.status() + ", " + n.availability() + ")")
                        .toList(),
                placement.constraints(), placement.reservations(), placement.maxPerNode(), errors, dataNotShared(placement)));
    }

    /** What backs the spec's data directory (probes.writes.dataDir), when that is not shared across nodes. */
    private String dataNotShared(SwarmOutput.Placement placement) {
        Spec.Writes writes = spec.probes().writes();
        return writes == null || writes.dataDir() == null ? null : SwarmOutput.dataNotShared(writes.dataDir(), placement);
    }

    /** From the spec: the load balancer's published port on a node, as reachable from here. */
    @Override
    public URI loadBalancer() {
        return URI.create(compose.loadBalancer().endsWith("/") ? compose.loadBalancer() : compose.loadBalancer() + "/");
    }

    @Override
    public Map<String, Integer> loadBalancerCounts() {
        return Map.of();
    }

    /** By the tasks' addresses on the stack's overlay network, as the manager records them. */
    @Override
    public Map<String, String> replicasOf(List<Replica> replicas, Collection<String> clients) {
        Map<String, String> byAddress = new HashMap<>();
        for (Task task : current(spec.service())) {
            String container = containerIfKnown(task);
            Optional<Replica> replica = replicas.stream().filter(r -> r.address().equals(container)).findFirst();
            if (replica.isEmpty()) {
                continue;
            }
            String out = cli.run(EXEC, null, List.of("inspect", "--type", "task", "--format",
                    "{{range .NetworksAttachments}}{{range .Addresses}}{{.}} {{end}}{{end}}", task.id())).stdout();
            for (String address : out.strip().split("\\s+")) {
                int slash = address.indexOf('/');
                if (!address.isBlank()) {
                    byAddress.put(slash < 0 ? address : address.substring(0, slash), replica.get().id());
                }
            }
        }
        Map<String, String> traced = new HashMap<>();
        for (String client : clients) {
            int colon = client.lastIndexOf(':');
            String host = colon < 0 ? client : client.substring(0, colon);
            if (byAddress.containsKey(host)) {
                traced.put(client, byAddress.get(host));
            }
        }
        return traced;
    }

    @Override
    public void stopReplica(Replica replica, Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        cli.requireOnNode(nodeOf(replica), grace.plus(COMMAND), "stop", "-t", Long.toString(seconds), replica.address());
        forget();
    }

    @Override
    public void killReplica(Replica replica) {
        Command.Result killed = cli.onNode(nodeOf(replica), EXEC, null, List.of("kill", replica.address()));
        if (!killed.ok() && !killed.stderr().contains("is not running")) {
            throw new OrchestratorException("docker kill " + replica.id() + " on " + replica.node() + " failed (exit " + killed.code()
                    + "): " + killed.stderr().strip());
        }
        cli.onNode(nodeOf(replica), COMMAND, null, List.of("wait", replica.address()));
        forget();
    }

    private synchronized void forget() {
        lastPsAt = Instant.MIN;
    }

    /**
     * Swarm starts a replica again by itself (restart policy): a new task in the same slot, on
     * whichever node the scheduler picks. Waits for that task's container; the answer has the
     * same id and index, the new container and node, and its start time.
     */
    @Override
    public Replica startAgain(Replica replica) {
        Deadline deadline = Deadline.after(spec.health().timeout(), clock);
        String[] last = {"no new task yet"};
        try {
            return deadline.poll(POLL, () -> {
                Optional<Task> task = current(spec.service()).stream()
                        .filter(t -> t.slot() == replica.index() && !t.node().isEmpty()).findFirst();
                String container = task.map(this::container).orElse("");
                if (task.isEmpty() || container.isEmpty() || container.equals(replica.address())) {
                    last[0] = task.map(Task::describe).orElse("no new task yet");
                    return Optional.<Replica>empty();
                }
                return Optional.of(replica(task.get(), container));
            }).orElseThrow(() -> new OrchestratorException("swarm did not start a new task for " + replica.id() + " within "
                    + spec.health().timeout().toSeconds() + " s (" + last[0] + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for a new task of " + replica.id(), e);
        }
    }

    /** {@code service update --force} of the database: its task is replaced on the same data (pinned by the stack file). */
    @Override
    public void restartDatabase(Deadline deadline) {
        cli.require(COMMAND, "service", "update", "--force", "--detach", service(compose.database()));
        String[] last = {"no answer yet"};
        try {
            deadline.poll(POLL, () -> {
                try {
                    new SwarmSql(cli, compose.database(), spec.database().name(), this::databaseLocation).query("SELECT 1 AS one");
                    return Optional.of(true);
                } catch (OrchestratorException e) {
                    last[0] = e.getMessage();
                    return Optional.empty();
                }
            }).orElseThrow(() -> new OrchestratorException("database service '" + compose.database()
                    + "' did not answer in time after service update --force (" + last[0] + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for the database to answer", e);
        }
    }

    /** The commands that stop and start a node ({@code {node}} its hostname), from the environment; no shell. */
    static final String NODE_STOP = "SCALECHECK_SWARM_NODE_STOP";
    static final String NODE_START = "SCALECHECK_SWARM_NODE_START";

    @Override
    public Optional<String> cannotLoseNode() {
        if (blank(System.getenv(NODE_STOP)) || blank(System.getenv(NODE_START))) {
            return Optional.of("no way to stop a node is set: set " + NODE_STOP + " and " + NODE_START + " to commands with {node} "
                    + "(in the lab: 'docker --host unix:///var/run/docker.sock stop swarmlab-{node}' and '... start swarmlab-{node}'; "
                    + "make -C examples/swarm sets them)");
        }
        long schedulable = nodes().stream().filter(SwarmNode::schedulable).count();
        return schedulable < 2 ? Optional.of("the swarm has " + schedulable + " node that can take replicas; losing it leaves none")
                : Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The worker with the most replicas that runs neither the database nor the load balancer,
     * stopped by the SCALECHECK_SWARM_NODE_STOP command; the manager is not told.
     */
    @Override
    public String stopNode(List<Replica> replicas) {
        List<SwarmNode> nodes = nodes();
        java.util.Set<String> keep = new java.util.HashSet<>();
        nodes.stream().filter(SwarmNode::manager).forEach(n -> keep.add(n.hostname()));
        for (String other : List.of(compose.database(), compose.balancer())) {
            Command.Result ps = cli.run(COMMAND, null, List.of("service", "ps", "--no-trunc", "--format", "json", service(other)));
            if (ps.ok()) {
                SwarmOutput.tasks(ps.stdout()).stream().filter(Task::desiredRunning).forEach(t -> keep.add(t.node()));
            }
        }
        Map<String, Long> count = replicas.stream().filter(r -> r.node() != null && !keep.contains(r.node()))
                .collect(Collectors.groupingBy(Replica::node, TreeMap::new, Collectors.counting()));
        String node = count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new OrchestratorException("no node to lose: every replica runs on a node that also runs the "
                        + "manager, the database or the load balancer (" + String.join(", ", keep) + ")"));
        runNodeCommand(NODE_STOP, node);
        return node;
    }

    /** SCALECHECK_SWARM_NODE_START, then {@code node ls} until the manager counts the node Ready. */
    @Override
    public void startNode(String node, Deadline deadline) {
        runNodeCommand(NODE_START, node);
        String[] last = {"not listed"};
        try {
            deadline.poll(POLL, () -> {
                Optional<SwarmNode> listed = nodes().stream().filter(n -> n.hostname().equals(node)).findFirst();
                last[0] = listed.map(n -> n.status() + "/" + n.availability()).orElse("not listed");
                return listed.filter(n -> n.status().equalsIgnoreCase("ready")).map(n -> true);
            }).orElseThrow(() -> new OrchestratorException("node " + node + " was not Ready again in time after " + NODE_START
                    + " (" + last[0] + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while waiting for node " + node + " to be Ready", e);
        }
        forget();
    }

    private void runNodeCommand(String variable, String node) {
        List<String> command = java.util.Arrays.stream(System.getenv(variable).strip().split("\\s+"))
                .map(word -> word.replace("{node}", node)).toList();
        Command.Result result = Command.run(command, files.get(0).getParent(), Map.of(), COMMAND, null);
        if (!result.ok()) {
            throw new OrchestratorException(variable + " for " + node + " (" + String.join(" ", command) + ") failed (exit "
                    + result.code() + "): " + SwarmCli.tail(result.stderr()));
        }
    }

    @Override
    public void emptyDatabase() {
        throw new OrchestratorException("the swarm backend cannot replace the database with an empty one yet; "
                + "run this scenario with orchestrator compose or local");
    }

    /** {@code stack rm}, polled until gone on every node, and the stack's volumes removed on every node. Safe to call twice. */
    @Override
    public void close() {
        boolean remove;
        synchronized (this) {
            remove = started && !closed;
            closed = true;
        }
        if (remove) {
            removeStack();
        }
    }
}
