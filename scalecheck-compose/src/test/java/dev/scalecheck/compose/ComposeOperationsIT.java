package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.Session;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.RunOwner;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario operations of the compose orchestrator on the real example stacks
 * (examples/compose and examples/compose-postgres, copied with the reference service's jar, on
 * a free port, under a project and image name of their own): stop, kill and start a replica
 * again, behind HAProxy; restart the database under the replicas; empty the application's
 * database. One stack per database, several operations on each. Needs a Docker engine with the
 * images of scripts/docker-offline.sh; skipped without them unless SCALECHECK_REQUIRE_DOCKER=1.
 * Every wait polls with a deadline; the measured times are printed as {@code TIMING} lines.
 */
class ComposeOperationsIT {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Pattern ITEM_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private ComposeDeployment deployment;
    private String project;

    @AfterEach
    void nothingIsLeftBehind() {
        if (deployment != null) {
            deployment.close();
            DockerEngine.removeImagesOf(project, project + "/api:dev");
            DockerEngine.assertNothingLeftOf(project);
            assertThat(DockerEngine.docker("image", "inspect", project + "/api:dev").ok()).as("the api image").isFalse();
        }
    }

    @Test
    void mariadbStackStopsKillsAndStartsReplicasAgainRestartsAndEmptiesTheDatabase() throws Exception {
        Spec spec = stack("compose", "scalecheck-ops-it", "local/mariadb", 2);
        ProjectOwner owner = new ProjectOwner(dir, project);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        new RunOwner(ended.pid(), Instant.parse("2026-01-01T00:00:00Z")).write(owner.file());

        assertThat(deployment.reset()).startsWith("down -v of project 'scalecheck-ops-it', images built; lint: no findings")
                .endsWith("; took the project over from a run that is gone (pid " + ended.pid() + " started 2026-01-01T00:00:00Z)");
        assertThat(RunOwner.read(owner.file())).contains(RunOwner.current());
        SqlDatabase database = deployment.startDatabase(Deadline.after(Duration.ofMinutes(2), CLOCK));
        List<Replica> replicas = new ArrayList<>(deployment.startReplicas(spec.replicas()));
        for (Replica replica : replicas) {
            awaitReady(replica);
        }
        awaitRoutedTo(replicas.get(0));
        awaitRoutedTo(replicas.get(1));
        long item = createItem();

        // stop: SIGTERM, the container exits, Docker's healthcheck no longer counts; the other replica serves every request
        Replica first = replicas.get(0);
        String addressBefore = networkAddress(first);
        Load load = Load.start(this);
        Instant start = CLOCK.instant();
        deployment.stopReplica(first, Duration.ofSeconds(10));
        timing("docker stop of a replica (SIGTERM, 10 s grace)", start);
        assertThat(deployment.exitCode(first)).as("exit code after docker stop").isPresent();
        assertThat(deployment.exitedAt(first)).hasValueSatisfying(at -> assertThat(at).isAfter(first.startedAt()));
        assertThat(deployment.platformUnhealthy(first)).hasValueSatisfying(why -> assertThat(why).startsWith("its container is exited"));

        // start again while another container holds its old address: the same container, a new address and start time,
        // ready at its own endpoint, and HAProxy finds it by DNS and routes to it again
        String placeholder = project + "-placeholder";
        try {
            // Docker gives a new container the lowest free address: the one the stopped replica had
            assertThat(DockerEngine.docker("run", "--detach", "--name", placeholder, "--network", project + "_backend",
                    "local/base", "sleep", "120").ok()).isTrue();
            start = CLOCK.instant();
            Replica again = deployment.startAgain(first);
            timing("docker start of the stopped replica", start);
            assertThat(networkAddress(again)).as("its address after docker start").isNotEqualTo(addressBefore);
            assertThat(again.index()).isEqualTo(first.index());
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.startedAt()).isAfter(deployment.exitedAt(first).orElse(first.startedAt()).minusMillis(1));
            assertThat(deployment.exitCode(again)).isEmpty();
            awaitReady(again);
            timing("restarted replica ready (own endpoint and Docker health), from docker start", start);
            Instant ready = CLOCK.instant();
            awaitRoutedTo(again);
            timing("HAProxy routes to the restarted replica on its new address, from its readiness", ready);
            timing("HAProxy routes to the restarted replica on its new address, from docker start", start);
            replicas.set(0, again);
        } finally {
            DockerEngine.docker("rm", "--force", placeholder);
        }
        load.stop();
        assertThat(load.failures()).as("failed requests through HAProxy while a replica stopped and started again (of %d)",
                load.sent()).isEmpty();

        // kill: SIGKILL, exit 137; started again
        Replica second = replicas.get(1);
        start = CLOCK.instant();
        deployment.killReplica(second);
        timing("docker kill of a replica, until Docker counts it exited", start);
        assertThat(deployment.exitCode(second)).hasValue(137);
        start = CLOCK.instant();
        Replica secondAgain = deployment.startAgain(second);
        awaitReady(secondAgain);
        timing("killed replica started again and ready", start);
        replicas.set(1, secondAgain);

        // the logs hold both runs of each container once, in time order
        List<LogLine> logs = deployment.logs();
        for (int i = 1; i < logs.size(); i++) {
            assertThat(logs.get(i).at()).as("log line %d in time order", i).isAfterOrEqualTo(logs.get(i - 1).at());
        }
        assertThat(new HashSet<>(logs)).as("no line twice").hasSize(logs.size());
        for (Replica replica : replicas) {
            assertThat(logs.stream().filter(line -> line.replica().equals(replica.id()) && line.text().contains("Database pool created")))
                    .as("start-ups of " + replica.id()).hasSize(2);
        }

        // each replica's database sessions are traced to it by its container's address, new or not
        Dialect dialect = Dialect.of(database.kind());
        Deadline traced = Deadline.after(Duration.ofSeconds(30), CLOCK);
        assertThat(traced.poll(Duration.ofMillis(500), () -> {
            List<String> clients = dialect.sessions(database).stream().map(Session::client).toList();
            Set<String> owners = new HashSet<>(deployment.replicasOf(replicas, clients).values());
            return owners.containsAll(List.of("api-1", "api-2")) ? Optional.of(owners) : Optional.empty();
        })).as("sessions traced to both replicas").isPresent();

        // restart the database under the replicas: the row written before is still there, and every replica is ready again
        start = CLOCK.instant();
        deployment.restartDatabase(Deadline.after(Duration.ofMinutes(2), CLOCK));
        timing("docker compose restart of MariaDB until healthy and answering", start);
        for (Replica replica : replicas) {
            awaitReady(replica);
        }
        timing("both replicas ready again, from the database restart", start);
        assertThat(poll(Duration.ofSeconds(30), () -> Optional.of(balancer("GET", "/api/items/" + item, null)).filter(HttpAnswer::ok)))
                .as("the item written before the restart, read through the load balancer").isPresent();

        // empty the database (replicas stopped): no table left, the app account keeps its grant and migrates from nothing
        for (Replica replica : replicas) {
            deployment.stopReplica(replica, Duration.ofSeconds(10));
        }
        start = CLOCK.instant();
        deployment.emptyDatabase();
        timing("emptyDatabase on MariaDB", start);
        assertThat(dialect.tables(database)).isEmpty();
        assertThat(database.query("SELECT User AS u FROM mysql.db WHERE Db = 'app'")).extracting(row -> row.get("u")).contains("app");
        replicas.set(0, deployment.startAgain(replicas.get(0)));
        awaitReady(replicas.get(0));
        assertThat(dialect.tables(database)).contains("items", "flyway_schema_history");
        assertThat(balancerEventually("GET", "/api/items/" + item).status()).as("the item after the database was emptied").isEqualTo(404);
        replicas.set(1, deployment.startAgain(replicas.get(1)));
        awaitReady(replicas.get(1));

        // teardown: every replica is sent its stop signal before the first of them has ended
        Instant down = CLOCK.instant();
        deployment.close();
        timing("docker compose down -v of the stack", down);
        assertStoppedAtOnce(down);
        assertThat(owner.file()).as("the project is given up at teardown").doesNotExist();
    }

    @Test
    void postgresStackEmptiesTheDatabaseForItsOwnerAndRestartsIt() throws Exception {
        Spec spec = stack("compose-postgres", "scalecheck-ops-it-pg", "local/postgres", 1);
        assertThat(deployment.reset()).doesNotContain("took the project over");
        SqlDatabase database = deployment.startDatabase(Deadline.after(Duration.ofMinutes(2), CLOCK));
        Replica replica = deployment.startReplicas(spec.replicas()).get(0);
        awaitReady(replica);
        long item = createItem();

        Instant start = CLOCK.instant();
        deployment.restartDatabase(Deadline.after(Duration.ofMinutes(2), CLOCK));
        timing("docker compose restart of PostgreSQL until healthy and answering", start);
        awaitReady(replica);
        timing("replica ready again, from the database restart", start);
        assertThat(balancerEventually("GET", "/api/items/" + item).status()).isEqualTo(200);

        deployment.stopReplica(replica, Duration.ofSeconds(10));
        start = CLOCK.instant();
        deployment.emptyDatabase();
        timing("emptyDatabase on PostgreSQL", start);
        Dialect dialect = Dialect.of(database.kind());
        assertThat(dialect.tables(database)).isEmpty();
        assertThat(database.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()"))
                .extracting(row -> row.get("owner")).containsExactly("app");
        replica = deployment.startAgain(replica);
        awaitReady(replica);
        assertThat(dialect.tables(database)).contains("items", "flyway_schema_history");
        assertThat(balancerEventually("GET", "/api/items/" + item).status()).isEqualTo(404);
    }

    /**
     * A copy of the example with the reference service's jar and fresh secrets; its api image
     * and load balancer port made the test's own by an override file.
     */
    private Spec stack(String example, String name, String databaseImage, int replicas) throws IOException {
        DockerEngine.requireImages(databaseImage, "local/jre17", "local/haproxy");
        Path source = EXAMPLES.resolve(example);
        for (String file : List.of("docker-compose.yml", "api/Dockerfile", "haproxy/haproxy.cfg")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.copy(source.resolve(file), dir.resolve(file));
        }
        Path jar = Path.of(System.getProperty("demo.jar", "target/demo-api.jar"));
        assertThat(jar).as("the reference service's jar (built by Maven before the integration tests)").exists();
        Files.copy(jar, dir.resolve("api/demo-api.jar"));
        Files.createDirectories(dir.resolve(".secrets"));
        for (String secret : List.of("db-password", "db-root-password")) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            Path file = Files.createFile(dir.resolve(".secrets").resolve(secret),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getUrlEncoder().encodeToString(random));
        }
        Files.writeString(dir.resolve("override.yml"), """
                services:
                  api:
                    image: %s/api:dev
                """.formatted(name));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Spec spec = new SpecReader().parse("""
                orchestrator: compose
                replicas: %d
                service: api
                compose:
                  files: ["%s", "%s"]
                  project: %s
                  database: db
                  balancer: lb
                  loadBalancer: http://127.0.0.1:%d
                  environment: { DB_IMAGE: %s, JRE_IMAGE: local/jre17, HAPROXY_IMAGE: local/haproxy, LB_PORT: "%d" }
                health: { path: /api/health/ready, port: 7777, timeout: 120s }
                database: { name: app }
                markers: demo
                """.formatted(replicas, dir.resolve("docker-compose.yml"), dir.resolve("override.yml"), name, port, databaseImage, port),
                "ComposeOperationsIT");
        project = name;
        DockerEngine.removeImagesOf(project, project + "/api:dev");
        deployment = new ComposeDeployment(spec, CLOCK, dir);
        return spec;
    }

    /** Ready as the run counts it: 2xx at its own readiness endpoint, and Docker's healthcheck says healthy. */
    private void awaitReady(Replica replica) throws InterruptedException {
        String[] last = {"no answer"};
        Optional<Boolean> ready = poll(READY, () -> {
            HttpAnswer answer = deployment.request(replica, "GET", "/api/health/ready", null);
            Optional<String> platform = answer.ok() ? deployment.platformUnhealthy(replica) : Optional.empty();
            last[0] = answer.describe() + platform.map(why -> ", but " + why).orElse("");
            return answer.ok() && platform.isEmpty() ? Optional.of(true) : Optional.empty();
        });
        assertThat(ready).as(replica.id() + " ready (last: " + last[0] + ")").isPresent();
    }

    /** Requests through the load balancer until one is answered by the replica's container (its X-Replica-Id, the host name). */
    private void awaitRoutedTo(Replica replica) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        Optional<String> routed = poll(Duration.ofSeconds(30), () -> {
            HttpAnswer answer = balancer("GET", "/api/health", null);
            Optional<String> by = answer.header("X-Replica-Id");
            by.ifPresent(seen::add);
            return by.filter(host -> replica.address().startsWith(host) || host.startsWith(replica.address()));
        });
        assertThat(routed).as("HAProxy routed to " + replica.id() + " (" + replica.address() + "); answered by " + seen).isPresent();
    }

    /** Requests through the load balancer, one after the other, on a thread of their own until stopped. */
    private static final class Load {
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean running = true;
        private Thread thread;

        static Load start(ComposeOperationsIT test) {
            Load load = new Load();
            load.thread = new Thread(() -> {
                while (load.running) {
                    HttpAnswer answer = test.balancer("GET", "/api/health", null);
                    load.sent.incrementAndGet();
                    if (!answer.ok()) {
                        load.failures.add(CLOCK.instant() + " " + answer.describe());
                    }
                }
            }, "load");
            load.thread.start();
            return load;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(15_000);
            System.out.println("LOAD " + sent.get() + " requests through HAProxy, " + failures.size() + " failed " + failures);
        }

        int sent() {
            return sent.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }
    }

    /** The container's address on the project's backend network. */
    private String networkAddress(Replica replica) {
        Command.Result result = DockerEngine.docker("inspect", "--format",
                "{{with index .NetworkSettings.Networks \"" + project + "_backend\"}}{{.IPAddress}}{{end}}", replica.address());
        assertThat(result.ok()).as(result.stderr()).isTrue();
        return result.stdout().strip();
    }

    private long createItem() throws InterruptedException {
        HttpAnswer created = poll(Duration.ofSeconds(30), () -> Optional.of(balancer("POST", "/api/items", "{\"name\": \"kept\"}"))
                .filter(answer -> answer.status() == 201)).orElseThrow(() -> new AssertionError("POST /api/items never answered 201"));
        Matcher id = ITEM_ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        return Long.parseLong(id.group(1));
    }

    /** The first answer that is not a 5xx (a replica whose pool is reconnecting), within 30 s. */
    private HttpAnswer balancerEventually(String method, String path) throws InterruptedException {
        return poll(Duration.ofSeconds(30), () -> Optional.of(balancer(method, path, null)).filter(answer -> answer.status() > 0
                && answer.status() < 500)).orElseThrow(() -> new AssertionError(method + " " + path + " kept failing"));
    }

    private HttpAnswer balancer(String method, String path, String body) {
        URI uri = deployment.loadBalancer().resolve(path.substring(1));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new java.util.HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            return new HttpAnswer(response.statusCode(), headers, response.body(), null);
        } catch (IOException e) {
            return HttpAnswer.failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAnswer.failed("interrupted");
        }
    }

    /**
     * {@code docker events} of the project since {@code since}: compose sent every replica its
     * stop signal ({@code kill}) before the first replica's container ended ({@code die}).
     */
    private void assertStoppedAtOnce(Instant since) {
        Command.Result events = DockerEngine.docker("events", "--since", since.getEpochSecond() + "." + String.format("%09d", since.getNano()),
                "--until", Long.toString(CLOCK.instant().getEpochSecond() + 1),
                "--filter", "type=container", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=api", "--filter", "event=kill", "--filter", "event=die",
                "--format", "{{.TimeNano}} {{.Action}} {{.Actor.Attributes.name}}");
        assertThat(events.ok()).as(events.stderr()).isTrue();
        long lastKill = 0;
        long firstDie = Long.MAX_VALUE;
        int kills = 0;
        for (String line : events.stdout().lines().toList()) {
            String[] parts = line.split(" ");
            long at = Long.parseLong(parts[0]);
            if (parts[1].equals("kill")) {
                kills++;
                lastKill = Math.max(lastKill, at);
            } else if (parts[1].equals("die")) {
                firstDie = Math.min(firstDie, at);
            }
        }
        System.out.println("TIMING teardown: last replica signalled " + (firstDie - lastKill) / 1_000_000 + " ms before the first one ended");
        assertThat(kills).as("replicas signalled by down:\n" + events.stdout()).isEqualTo(2);
        assertThat(lastKill).as("every replica signalled before the first ended:\n" + events.stdout()).isLessThan(firstDie);
    }

    private static <T> Optional<T> poll(Duration budget, Supplier<Optional<T>> probe) throws InterruptedException {
        return Deadline.after(budget, CLOCK).poll(Duration.ofMillis(200), probe);
    }

    private static void timing(String what, Instant since) {
        System.out.println("TIMING " + what + ": " + Duration.between(since, CLOCK.instant()).toMillis() + " ms");
    }
}
