package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real demo-api process: the drain (readiness 503 at once, other requests still
 * served, the end once quiet or at DEMO_DRAIN_TIMEOUT) and the no-drain fault. One MariaDB for
 * the class; the first replica migrates it, the others take the fast path.
 */
class ShutdownIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static TestDatabase db;
    final List<DemoProcess> replicas = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start(DatabaseKind.MARIADB, dir.resolve("db"));
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @AfterEach
    void killReplicas() throws InterruptedException {
        DemoProcess.closeAll(replicas);
    }

    private DemoProcess startReady(Map<String, String> env) throws Exception {
        DemoProcess replica = DemoProcess.start("api-" + (replicas.size() + 1), db, dir, env);
        replicas.add(replica);
        replica.awaitReady(READY);
        return replica;
    }

    @Test
    void drainAnswersReadinessWith503AtOnceKeepsServingAndFinishesTheRequestInFlight() throws Exception {
        DemoProcess replica = startReady(Map.of());
        try (SlowRequest inFlight = SlowRequest.begin(replica.port)) {
            replica.terminate();

            HttpResponse<String> notReady = DemoProcess.await("readiness 503", Duration.ofSeconds(5),
                    () -> replica.get("/api/health/ready").filter(r -> r.statusCode() == 503));
            assertThat(notReady.body()).contains("\"reason\":\"shutting_down\"");
            assertThat(replica.post("/api/items", "{\"name\":\"during drain\"}")).get()
                    .extracting(HttpResponse::statusCode).isEqualTo(201);
            long lastRequest = System.nanoTime();
            // the quiet second passes; the request still in flight keeps the replica up
            DemoProcess.await("1.5 s after the last new request", Duration.ofSeconds(5), () -> {
                assertThat(replica.process.isAlive()).as("alive while a request is in flight").isTrue();
                return System.nanoTime() - lastRequest > 1_500_000_000L ? Optional.of(true) : Optional.empty();
            });

            assertThat(inFlight.finish()).hasValue(201);
            long finished = System.nanoTime();
            assertThat(replica.awaitExit(Duration.ofSeconds(5))).isZero();
            Duration afterLastRequest = Duration.ofNanos(System.nanoTime() - finished);
            assertThat(afterLastRequest).isLessThan(Duration.ofMillis(2000));
        }
        assertThat(replica.log()).contains("Draining (SIGTERM): readiness answers 503 from now on")
                .containsPattern("Drained in \\d+\\.\\d\\d s \\(no request for 1 s\\): served 1 request while draining");
        assertThat(replica.lines()).last().asString().contains("Shutdown complete");
    }

    @Test
    void aQuietReplicaExitsWithinTwoSecondsOfSigterm() throws Exception {
        DemoProcess replica = startReady(Map.of());
        long signalled = System.nanoTime();
        replica.terminate();
        assertThat(replica.awaitExit(Duration.ofSeconds(5))).isZero();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        System.out.println("quiet replica: SIGTERM to exit " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofMillis(2000));
        assertThat(replica.log()).containsPattern("Drained in 1\\.\\d\\d s \\(no request for 1 s\\): served 0 requests while draining");
    }

    @Test
    void steadyTrafficIsServedUntilTheDrainTimeout() throws Exception {
        DemoProcess replica = startReady(Map.of("DEMO_DRAIN_TIMEOUT", "2"));
        AtomicInteger created = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (replica.process.isAlive()) {
                replica.post("/api/items", "{\"name\":\"steady\"}").filter(r -> r.statusCode() == 201)
                        .ifPresent(r -> created.incrementAndGet());
            }
        });
        load.start();
        DemoProcess.await("traffic flowing", Duration.ofSeconds(5), () -> created.get() > 0 ? Optional.of(true) : Optional.empty());
        long signalled = System.nanoTime();
        replica.terminate();
        assertThat(replica.awaitExit(Duration.ofSeconds(10))).isZero();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        load.join(10_000);
        System.out.println("steady traffic, DEMO_DRAIN_TIMEOUT=2: SIGTERM to exit " + took.toMillis() + " ms");
        assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofMillis(3500));
        assertThat(replica.log()).containsPattern("Drained in 2\\.\\d\\d s \\(drain timeout 2 s\\): served [1-9]\\d* requests while draining");
    }

    @Test
    void noDrainFaultExitsAtOnceAndCutsTheRequestInFlight() throws Exception {
        DemoProcess replica = startReady(Map.of("DEMO_FAULT", "no-drain"));
        try (SlowRequest inFlight = SlowRequest.begin(replica.port)) {
            long signalled = System.nanoTime();
            replica.terminate();
            assertThat(replica.awaitExit(Duration.ofSeconds(5))).isEqualTo(143);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.println("no-drain: SIGTERM to exit " + took.toMillis() + " ms");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            OptionalInt answer = inFlight.finish();
            assertThat(answer).as("the request in flight got no answer").isEmpty();
        }
        assertThat(replica.log()).contains("Received SIGTERM: exiting at once, requests in flight are cut (fault no-drain)")
                .doesNotContain("Draining").doesNotContain("Shutdown complete");
    }
}
