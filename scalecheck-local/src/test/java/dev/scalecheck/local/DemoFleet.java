package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.local.database.EmbeddedMariaDb;
import dev.scalecheck.local.process.LocalProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test support: a fresh embedded database and N demo-api processes started at once. */
final class DemoFleet implements AutoCloseable {
    final EmbeddedMariaDb db;
    final Path dir;
    final Path dataDir;
    final EmbeddedMariaDb.Account app;
    final List<Replica> replicas = new ArrayList<>();
    final List<LogLine> logs = new CopyOnWriteArrayList<>();
    private final Path jar;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock = Clock.systemUTC();

    record Replica(String id, int port, Instant started, LocalProcess process) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    DemoFleet(Path dir) throws IOException {
        this.dir = dir;
        this.db = EmbeddedMariaDb.start(dir.resolve("db"), EmbeddedMariaDb.defaultBinaryCache());
        this.app = db.createDatabase("app", "app");
        this.dataDir = Files.createDirectories(dir.resolve("data"));
        this.jar = DemoService.extractJar(dir);
    }

    /** Starts replicas api-1..api-n at once, each with the extra environment given. */
    List<Replica> start(int n, Map<String, String> extraEnv) throws IOException {
        Path passwordFile = dir.resolve("db-password");
        if (!Files.exists(passwordFile)) {
            Files.writeString(passwordFile, app.password().reveal());
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        }
        List<Replica> started = new ArrayList<>();
        int first = replicas.size() + 1;
        for (int i = first; i < first + n; i++) {
            String id = "api-" + i;
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", String.valueOf(port));
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("REPLICA_ID", id);
            env.put("DATA_DIR", dataDir.toString());
            env.put("DB_URL", db.jdbcUrl("app"));
            env.put("DB_USER", app.user());
            env.put("DB_PASSWORD_FILE", passwordFile.toString());
            env.putAll(extraEnv);
            List<String> command = DemoService.command(jar);
            Instant now = clock.instant();
            started.add(new Replica(id, port, now, LocalProcess.start(id, command, env, dir, clock, logs::add)));
        }
        replicas.addAll(started);
        return started;
    }

    /**
     * Polls a replica's own readiness endpoint until 200, then until its {@code Ready on port}
     * line has arrived, so its log is complete up to ready; fails the test at the deadline.
     */
    Instant awaitReady(Replica replica, Duration timeout) throws InterruptedException {
        Optional<Instant> ready = Deadline.after(timeout, clock).poll(Duration.ofMillis(50), () ->
                get(replica, "/api/health/ready").filter(r -> r.statusCode() == 200).map(r -> clock.instant()));
        assertThat(ready).as("%s ready within %s; its log:%n%s", replica.id(), timeout, log(replica.id())).isPresent();
        lineArrival(replica.id(), "Ready on port");
        return ready.get();
    }

    /** Waits until the process has exited; fails the test at the deadline. */
    int awaitExit(Replica replica, Duration timeout) throws InterruptedException {
        OptionalInt code = replica.process().awaitExit(timeout);
        assertThat(code).as("%s exited within %s", replica.id(), timeout).isPresent();
        return code.getAsInt();
    }

    /** Waits until the replica is ready or has exited, whichever comes first. */
    void awaitReadyOrExit(Replica replica, Duration timeout) throws InterruptedException {
        Optional<Boolean> settled = Deadline.after(timeout, clock).poll(Duration.ofMillis(50), () ->
                replica.process().exitCode().isPresent()
                        || get(replica, "/api/health/ready").filter(r -> r.statusCode() == 200).isPresent()
                        ? Optional.of(true) : Optional.empty());
        assertThat(settled).as("%s ready or exited within %s", replica.id(), timeout).isPresent();
    }

    Optional<HttpResponse<String>> get(Replica replica, String path) {
        return send(HttpRequest.newBuilder(replica.uri(path)).GET());
    }

    HttpResponse<String> post(Replica replica, String path, String json) {
        return send(HttpRequest.newBuilder(replica.uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")).orElseThrow();
    }

    HttpResponse<String> put(Replica replica, String path, String body) {
        return send(HttpRequest.newBuilder(replica.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))).orElseThrow();
    }

    private Optional<HttpResponse<String>> send(HttpRequest.Builder request) {
        try {
            return Optional.of(http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    List<String> lines(String replicaId) {
        return logs.stream().filter(l -> l.replica().equals(replicaId)).map(LogLine::text).toList();
    }

    /** When the replica's first line containing {@code text} arrived. */
    /**
     * When a line reached us; polls briefly, because the log is tailed from a file and may trail
     * an HTTP answer the replica gave after writing it.
     */
    Instant lineArrival(String replicaId, String text) throws InterruptedException {
        return Deadline.after(Duration.ofSeconds(5), clock).poll(Duration.ofMillis(10), () -> logs.stream()
                .filter(l -> l.replica().equals(replicaId) && l.text().contains(text)).map(LogLine::at).findFirst())
                .orElseThrow(() -> new AssertionError(replicaId + " never logged " + text));
    }

    String log(String replicaId) {
        return String.join("\n", lines(replicaId));
    }

    long countReplicasLogging(String text) {
        return replicas.stream().filter(r -> lines(r.id()).stream().anyMatch(l -> l.contains(text))).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        replicas.parallelStream().forEach(r -> r.process().stop(Duration.ofSeconds(10)));
        db.close();
    }
}
