package dev.scalecheck.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test support: demo-api as a real process (this test's class path, {@code DemoApi}'s main)
 * against a {@link TestDatabase}, its stdout kept line by line.
 */
final class DemoProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String id;
    final int port;
    final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private DemoProcess(String id, int port, Process process) {
        this.id = id;
        this.port = port;
        this.process = process;
        this.reader = new Thread(this::readOutput, "stdout of " + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts replica {@code id} with the environment a replica gets, plus {@code extra}. */
    static DemoProcess start(String id, TestDatabase db, Path dir, Map<String, String> extra) throws IOException {
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DemoApi.class.getName()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("REPLICA_ID", id);
        env.put("DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
        env.put("DB_URL", db.jdbcUrl());
        env.put("DB_USER", db.user());
        env.put("DB_PASSWORD", "");
        env.putAll(extra);
        return new DemoProcess(id, port, builder.start());
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /**
     * SIGTERM. Through the process handle: {@link Process#destroy()} would also close our end of
     * its stdout, and the lines it writes while it shuts down would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    String log() {
        return String.join("\n", lines);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Polls until a line contains {@code text}; fails the test at the deadline. */
    String awaitLine(String text, Duration timeout) throws Exception {
        return await(id + " logging '" + text + "'", timeout,
                () -> lines.stream().filter(l -> l.contains(text)).findFirst());
    }

    /** Polls the replica's own readiness until 200; fails the test at the deadline or when the process ends. */
    void awaitReady(Duration timeout) throws Exception {
        await(id + " ready", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(id + " exited " + process.exitValue() + " before it was ready; its log:\n" + log());
            }
            return get("/api/health/ready").filter(r -> r.statusCode() == 200);
        });
    }

    /** Waits for the process to end and its output to be read to the end; its exit code, or the test fails at the deadline. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(id + " still running after " + timeout + "; its log:\n" + log());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    Optional<HttpResponse<String>> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A POST; empty when no HTTP answer came (refused, reset). */
    Optional<HttpResponse<String>> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Optional<HttpResponse<String>> send(HttpRequest.Builder request) {
        try {
            return Optional.of(HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Ends the process at once (SIGKILL) if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Polls {@code probe} every 20 ms until it answers; fails the test naming {@code what} at the deadline. */
    static <T> T await(String what, Duration timeout, Callable<Optional<T>> probe) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Closes every process given, killing those still running. */
    static void closeAll(List<DemoProcess> processes) throws InterruptedException {
        for (DemoProcess each : processes) {
            each.close();
        }
    }
}
