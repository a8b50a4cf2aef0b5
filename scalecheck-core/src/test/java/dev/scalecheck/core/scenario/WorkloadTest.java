package dev.scalecheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.evidence.ProbeHeaders;
import dev.scalecheck.core.spec.Spec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workload against a small real HTTP service of this test: every 5th create answers 503, and
 * every item whose number is a multiple of 7 is "lost" (its read answers 404). The history must
 * hold each request once, in order, with its phase and outcome, and the read-back must find
 * exactly the lost ones among the acknowledged.
 */
class WorkloadTest {
    private HttpServer server;
    private final AtomicInteger creates = new AtomicInteger();
    private final Set<Integer> stored = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/items", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("POST")) {
            int number = creates.incrementAndGet();
            if (number % 5 == 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                if (number % 7 != 0) {
                    stored.add(number);
                }
                exchange.getResponseHeaders().add("Location", "/items/" + number);
                exchange.sendResponseHeaders(201, -1);
            }
        } else {
            String path = exchange.getRequestURI().getPath();
            int number = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            exchange.sendResponseHeaders(stored.contains(number) ? 200 : 404, -1);
        }
        exchange.close();
    }

    private Spec spec(int maxRequests) {
        return Spec.empty().withProbes(new Spec.Probes(null, null, null, new Spec.State("/items", "{\"name\":\"x\"}", null, null, null), null))
                .withWorkload(new Spec.Workload(200, maxRequests, null, null));
    }

    @Test
    void keepsEveryRequestWithItsPhaseAndFindsTheLostWrites() throws InterruptedException {
        URI balancer = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Clock clock = Clock.systemUTC();
        Workload workload = Workload.start(spec(70), balancer, ProbeHeaders.none(), clock, "first");
        Deadline.after(Duration.ofSeconds(20), clock).poll(Duration.ofMillis(5),
                () -> workload.sent() >= 35 ? Optional.of(true) : Optional.empty());
        workload.phase("second");
        Deadline.after(Duration.ofSeconds(20), clock).poll(Duration.ofMillis(20),
                () -> workload.sent() >= 70 ? Optional.of(true) : Optional.empty());
        History history = workload.stop();

        assertThat(history.operations()).hasSize(70);
        assertThat(history.operations()).extracting(Operation::number).isSorted().doesNotHaveDuplicates();
        assertThat(history.in("first"::equals)).hasSizeGreaterThanOrEqualTo(35);
        assertThat(history.in("second"::equals)).isNotEmpty();
        assertThat(history.failed()).hasSize(14).allSatisfy(op -> assertThat(op.failure()).isEqualTo("503"));
        assertThat(History.causes(history.failed())).isEqualTo("503 x14");

        List<ReadBack.Lost> lost = ReadBack.lost(history, ProbeHeaders.none());
        // creates 7, 14, 21, ..., 70 were acknowledged but not stored, except 35 and 70 (also multiples of 5: refused)
        assertThat(lost).hasSize(8).allSatisfy(each -> assertThat(each.answer()).startsWith("404"));
        assertThat(history.acknowledged()).hasSize(56);
    }

    @Test
    void endsAtItsBoundAndRecordsARefusedConnectionAsAFailure() throws InterruptedException {
        int port = server.getAddress().getPort();
        server.stop(0);
        Workload workload = Workload.start(spec(5), URI.create("http://127.0.0.1:" + port + "/"), ProbeHeaders.none(),
                Clock.systemUTC(), "down");
        Deadline.after(Duration.ofSeconds(20), Clock.systemUTC()).poll(Duration.ofMillis(10),
                () -> workload.sent() >= 5 ? Optional.of(true) : Optional.empty());
        History history = workload.stop();

        assertThat(history.operations()).hasSize(5).allSatisfy(op -> {
            assertThat(op.acknowledged()).isFalse();
            assertThat(op.status()).isEqualTo(-1);
            assertThat(op.failure()).startsWith("no answer (");
        });
        assertThat(workload.lastFailureSince(Instant.EPOCH)).isPresent();
    }

    @Test
    void aFailureIsItsStatusAndTheStartOfItsBodyWithNumbersCountedTogether() {
        assertThat(Workload.failure(new dev.scalecheck.core.orchestrator.HttpAnswer(500, java.util.Map.of(),
                "{\"error\":\"(conn=159) Socket error\"}\nmore", null))).isEqualTo("500 {\"error\":\"(conn=N) Socket error\"}");
        assertThat(Workload.failure(new dev.scalecheck.core.orchestrator.HttpAnswer(503, java.util.Map.of(), "", null)))
                .isEqualTo("503");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Operation> operations = java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> new Operation(i, "calm", Instant.EPOCH, Duration.ofMillis(i), 201, URI.create("/items/" + i), null))
                .toList();
        assertThat(History.percentile(operations, 0.50)).isEqualTo(Duration.ofMillis(50));
        assertThat(History.percentile(operations, 0.99)).isEqualTo(Duration.ofMillis(99));
        assertThat(History.latencies(operations)).isEqualTo("p50 50 ms, p99 99 ms");
        assertThat(History.latencies(List.of())).isEqualTo("no requests");
    }

    @Test
    void failuresAreGroupedByPhaseInTheOrderTheyCame() {
        List<Operation> failed = List.of(
                new Operation(1, "while restarting api-2", Instant.EPOCH, Duration.ZERO, 502, null, "502"),
                new Operation(2, "while restarting api-2", Instant.EPOCH, Duration.ZERO, -1, null, "no answer (connection reset)"),
                new Operation(3, "while restarting api-2", Instant.EPOCH, Duration.ZERO, 502, null, "502"),
                new Operation(4, "while restarting api-4", Instant.EPOCH, Duration.ZERO, 503, null, "503"));
        assertThat(History.failuresByPhase(failed)).containsExactly(
                "3 while restarting api-2 (502 x2, no answer (connection reset))", "1 while restarting api-4 (503)");
    }
}
