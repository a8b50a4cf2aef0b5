package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface with in-memory items and no database: routing, validation, headers. */
class HttpApiTest {
    @TempDir
    Path dir;
    HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final MigrationStatus status = new MigrationStatus();
    final Drain drain = new Drain(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Readiness readiness = new Readiness("api-7", 5, status, () -> null, DatabaseKind.MARIADB);
        new HttpApi("api-7", "test", readiness, new MemoryItemStore(), new DataDirectory(dir, true), drain).register(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(uri).method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyResponseNamesTheReplicaEvenErrors() throws Exception {
        for (String path : new String[] {"/api/health", "/api/health/ready", "/nowhere", "/api/items/x"}) {
            assertThat(send("GET", path, null).headers().firstValue("X-Replica-Id")).as(path).hasValue("api-7");
        }
    }

    @Test
    void readinessIs503WhileTheDatabaseIsMissing() throws Exception {
        HttpResponse<String> response = send("GET", "/api/health/ready", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"database_unavailable\"", "\"max\":5");
    }

    @Test
    void readinessSaysMigrationErrorAfterAFailure() throws Exception {
        status.failed("applying V1 failed");
        assertThat(send("GET", "/api/health/ready", null).body())
                .contains("\"reason\":\"migration_error\"", "\"error\":\"applying V1 failed\"");
    }

    @Test
    void createsAndReadsItems() throws Exception {
        HttpResponse<String> created = send("POST", "/api/items", "{\"name\":\"x\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"id\":1,\"replica\":\"api-7\"}");
        assertThat(send("GET", "/api/items/1", null).body()).contains("\"body\":{\"name\":\"x\"}", "\"created_by\":\"api-7\"");
        assertThat(send("GET", "/api/items/2", null).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsBadInputWithAReason() throws Exception {
        assertThat(send("POST", "/api/items", "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/items", "[1]").body()).contains("must be a JSON object");
        assertThat(send("GET", "/api/items/abc", null).statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/items", null).statusCode()).isEqualTo(405);
        assertThat(send("PUT", "/api/data/a%20b", "x").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/data/..", "x").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/data/missing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void drainingAnswersReadinessWith503AndStillServesEverythingElse() throws Exception {
        drain.begin();
        HttpResponse<String> ready = send("GET", "/api/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"reason\":\"shutting_down\"", "\"replica\":\"api-7\"");
        assertThat(send("GET", "/api/health", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/items", "{\"name\":\"x\"}").statusCode()).isEqualTo(201);
        assertThat(drain.servedWhileDraining()).as("probes are not counted").isEqualTo(1);
    }

    @Test
    void onceClosedEveryRequestIsRefusedWithTheConnectionClosed() throws Exception {
        drain.begin();
        drain.close();
        HttpResponse<String> response = send("GET", "/api/health", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("api-7 is shutting down");
        assertThat(send("POST", "/api/items", "{}").statusCode()).isEqualTo(503);
    }
}
