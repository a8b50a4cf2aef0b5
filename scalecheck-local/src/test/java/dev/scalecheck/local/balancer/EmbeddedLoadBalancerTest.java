package dev.scalecheck.local.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalecheck.core.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load balancer against real HTTP servers on their own ports, with HAProxy's check timings (1 s, fall 2, rise 1). */
class EmbeddedLoadBalancerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedLoadBalancer balancer;

    @AfterEach
    void tearDown() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (AutoCloseable each : started) {
            each.close();
        }
    }

    @Test
    void aBackendThatStopsAnsweringLeavesTheRotationWithinThreeSecondsAndComesBackOnceItAnswers() throws Exception {
        Backend one = backend(0);
        Backend two = backend(0);
        Backend three = backend(0);
        balancer = EmbeddedLoadBalancer.start(List.of(one.uri(), two.uri(), three.uri()), HealthChecks.haproxy("/health"));
        awaitTrue(Duration.ofSeconds(5), () -> one.checks.get() > 0 && two.checks.get() > 0 && three.checks.get() > 0);

        two.close();
        long stopped = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        awaitTrue(Duration.ofSeconds(5), () -> {
            statuses.add(get("/work").statusCode());
            return !balancer.inRotation().contains(two.uri());
        });
        Duration out = Duration.ofNanos(System.nanoTime() - stopped);
        System.err.printf("load balancer: a stopped backend left the rotation after %d ms%n", out.toMillis());
        assertThat(out).isLessThan(Duration.ofMillis(3500));
        assertThat(statuses).as("refused connections went to the other backends").isNotEmpty().containsOnly(200);

        Backend again = backend(two.port);
        long restarted = System.nanoTime();
        awaitTrue(Duration.ofSeconds(5), () -> balancer.inRotation().contains(two.uri()));
        Duration in = Duration.ofNanos(System.nanoTime() - restarted);
        System.err.printf("load balancer: a backend answering again was back in the rotation after %d ms%n", in.toMillis());
        assertThat(in).isLessThan(Duration.ofMillis(2500));
        for (int i = 0; i < 6; i++) {
            assertThat(get("/work").statusCode()).isEqualTo(200);
        }
        assertThat(again.requests.get()).isEqualTo(2);
    }

    @Test
    void healthChecksAreNotCountedAsRequests() throws Exception {
        Backend one = backend(0);
        Backend two = backend(0);
        balancer = EmbeddedLoadBalancer.start(List.of(one.uri(), two.uri()), HealthChecks.haproxy("/health"));
        awaitTrue(Duration.ofSeconds(5), () -> one.checks.get() >= 2 && two.checks.get() >= 2);
        assertThat(balancer.answeredByPort()).isEmpty();

        for (int i = 0; i < 4; i++) {
            assertThat(get("/work").statusCode()).isEqualTo(200);
        }
        assertThat(balancer.answeredByPort()).isEqualTo(Map.of(one.port, 2, two.port, 2));
        assertThat(one.requests.get()).isEqualTo(2);
        assertThat(two.requests.get()).isEqualTo(2);

        balancer.close();
        balancer = null;
        // the health checks stop with the load balancer
        awaitTrue(Duration.ofSeconds(2), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("load-balancer-health-check") && thread.isAlive()));
    }

    @Test
    void aRefusedConnectionGoesToAnotherBackend() throws Exception {
        Backend one = backend(0);
        Backend two = backend(0);
        // nothing listens there, and never did: it has not passed a check, so it stays in the rotation
        URI dead = URI.create("http://127.0.0.1:" + freePort());
        balancer = EmbeddedLoadBalancer.start(List.of(one.uri(), dead, two.uri()), HealthChecks.haproxy("/health"));

        for (int i = 0; i < 30; i++) {
            assertThat(get("/work").statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(balancer.uri().resolve("/work")).POST(HttpRequest.BodyPublishers.ofString("x")))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(balancer.inRotation()).contains(dead);
        assertThat(one.requests.get() + two.requests.get()).isEqualTo(60);
        assertThat(balancer.answeredByPort()).containsOnlyKeys(one.port, two.port);
    }

    @Test
    void aRequestWhoseBackendFailsAfterItWasSentIsNotSentAgain() throws Exception {
        Backend live = backend(0);
        Hangup hangup = new Hangup();
        started.add(hangup);
        balancer = EmbeddedLoadBalancer.start(List.of(live.uri(), hangup.uri()), HealthChecks.haproxy("/health"));

        int failed = 0;
        for (int i = 0; i < 10; i++) {
            int status = get("/work").statusCode();
            assertThat(status).isIn(200, 503);
            failed += status == 503 ? 1 : 0;
        }
        assertThat(failed).as("each request the failing backend got failed, and went nowhere else").isEqualTo(hangup.requests.get())
                .isPositive();
        assertThat(live.requests.get()).isEqualTo(10 - failed);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(balancer.uri().resolve(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the load balancer did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        assertThat(Deadline.after(timeout, Clock.systemUTC()).poll(Duration.ofMillis(20),
                () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty())).as("within %s", timeout).isPresent();
    }

    private Backend backend(int port) throws IOException {
        Backend backend = new Backend(port);
        started.add(backend);
        return backend;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real HTTP server: {@code /health} answers 200 (counted as checks), anything else 200 (counted as requests). */
    private static final class Backend implements AutoCloseable {
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;
        final int port;

        Backend(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/", exchange -> answer(exchange,
                    exchange.getRequestURI().getPath().equals("/health") ? checks : requests));
            server.start();
            this.port = server.getAddress().getPort();
        }

        private static void answer(HttpExchange exchange, AtomicInteger counter) throws IOException {
            counter.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Accepts a connection, reads the request, and closes it without an answer, as a replica that dies mid-request. */
    private static final class Hangup implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        final ServerSocket socket;
        final Thread thread;

        Hangup() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "hangup-backend");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    String head = readHead(client.getInputStream());
                    if (!head.startsWith("GET /health ")) {
                        requests.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
