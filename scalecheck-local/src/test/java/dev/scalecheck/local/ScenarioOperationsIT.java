package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.DemoPreset;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.local.process.LocalProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The scenario operations on a real local deployment: demo-api replicas on MariaDB, and a
 * stubborn shell replica on PostgreSQL; real processes, real databases, the real load balancer.
 */
class ScenarioOperationsIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private final Clock clock = Clock.systemUTC();

    @Test
    void demoReplicasOnMariaDbAreKilledStoppedAndStartedAgainAndTheDatabaseRestartedAndEmptied() throws Exception {
        Spec spec = DemoPreset.applyTo(Spec.empty().withReplicas(2));
        LocalDeployment deployment = (LocalDeployment) new LocalOrchestrator().prepare(spec, clock);
        List<Long> pids;
        try (deployment) {
            deployment.reset();
            SqlDatabase database = deployment.startDatabase(Deadline.after(Duration.ofSeconds(120), clock));
            List<Replica> replicas = deployment.startReplicas(2);
            Replica one = replicas.get(0);
            Replica two = replicas.get(1);
            awaitReady(deployment, spec, one);
            awaitReady(deployment, spec, two);
            database.query("CREATE TABLE scenario_probe (id INT PRIMARY KEY, note VARCHAR(40))");
            database.query("INSERT INTO scenario_probe VALUES (1, 'written before the restart')");

            List<Long> before = deployment.process(one).pids();
            long start = System.nanoTime();
            deployment.killReplica(one);
            report("killReplica (demo-api, SIGKILL)", start);
            assertThat(deployment.exitCode(one)).hasValue(137);
            assertThat(deployment.exitedAt(one)).isPresent();
            assertThat(before).noneMatch(ScenarioOperationsIT::running);
            for (int i = 0; i < 20; i++) {
                HttpAnswer answer = throughBalancer(deployment, "/api/health");
                assertThat(answer.status()).as("request %d through the load balancer after the kill: %s", i, answer).isEqualTo(200);
                assertThat(answer.header("X-Replica-Id")).hasValue("api-2");
            }
            assertThatThrownBy(() -> deployment.startAgain(two)).isInstanceOf(OrchestratorException.class)
                    .hasMessageContaining("api-2 is still running");

            Replica again = deployment.startAgain(one);
            assertThat(again).extracting(Replica::index, Replica::id, Replica::address).containsExactly(1, "api-1", one.address());
            assertThat(again.startedAt()).isAfter(one.startedAt());
            assertThat(deployment.exitCode(again)).isEmpty();
            awaitReady(deployment, spec, again);
            awaitTrue(Duration.ofSeconds(10), () -> readyLines(deployment, "api-1").size() == 2);
            List<LogLine> ready = readyLines(deployment, "api-1");
            assertThat(ready.get(0).at()).isBefore(ready.get(1).at());
            Path runDirectory = Path.of(deployment.exec(again, List.of("echo", "${SCALECHECK_RUN_DIRECTORY}"), null).stdout().strip());
            assertThat(Files.readAllLines(runDirectory.resolve("replicas").resolve("api-1.stdout.log")))
                    .filteredOn(line -> line.contains("Ready on port")).hasSize(2);

            start = System.nanoTime();
            deployment.stopReplica(two, Duration.ofSeconds(10));
            report("stopReplica (demo-api, SIGTERM, exits by itself)", start);
            assertThat(deployment.exitCode(two)).hasValue(0);
            Replica twoAgain = deployment.startAgain(two);
            awaitReady(deployment, spec, twoAgain);

            long uptime = uptime(database);
            start = System.nanoTime();
            deployment.restartDatabase(Deadline.after(Duration.ofSeconds(60), clock));
            report("restartDatabase (MariaDB)", start);
            assertThat(uptime(database)).as("a new server process").isLessThan(uptime);
            assertThat(database.query("SELECT note FROM scenario_probe WHERE id = 1"))
                    .containsExactly(Map.of("note", "written before the restart"));
            // the same port and accounts: the replicas' pools find it again
            awaitReady(deployment, spec, again);
            awaitReady(deployment, spec, twoAgain);

            deployment.stopReplica(again, Duration.ofSeconds(10));
            deployment.stopReplica(twoAgain, Duration.ofSeconds(10));
            start = System.nanoTime();
            deployment.emptyDatabase();
            report("emptyDatabase (MariaDB)", start);
            assertThat(database.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'app'"))
                    .containsExactly(Map.of("n", "0"));
            createTableAsTheAppUser(deployment, again);
            pids = deployment.process(again).pids();
        }
        assertThat(pids).noneMatch(ScenarioOperationsIT::running);
    }

    @Test
    void aWrapperThatDoesNotExecIsStoppedWithItsStubbornChildAndPostgresRestartsAndEmpties() throws Exception {
        // the wrapper waits for its child instead of exec'ing it; the child and its sleeps ignore SIGTERM
        String script = "seq 1 10; echo 'Successfully applied 3 migrations'; seq 11 5000; "
                + "sh -c 'trap \"\" TERM; echo stubborn child; while true; do sleep 0.1; done' & wait; true";
        Spec spec = Spec.empty().withReplicas(1)
                .withLocal(new Spec.Local(List.of("sh", "-c", script), null, null))
                .withHealth(new Spec.Health("/health", null, null, null))
                .withDatabase(new Spec.Database("app", "postgres", null, null, null));
        LocalDeployment deployment = new LocalDeployment(spec, clock, 100);
        try (deployment) {
            deployment.reset();
            SqlDatabase database = deployment.startDatabase(Deadline.after(Duration.ofSeconds(120), clock));
            Replica replica = deployment.startReplicas(1).get(0);
            awaitTrue(Duration.ofSeconds(20), () -> deployment.logs().stream().anyMatch(line -> line.text().equals("stubborn child")));

            // bounded output: the marker and the last 100 lines, not 5000
            assertThat(deployment.linesHeld()).isLessThanOrEqualTo(101);
            assertThat(deployment.logs()).extracting(LogLine::text).contains("Successfully applied 3 migrations", "5000", "stubborn child")
                    .doesNotContain("11", "4900").anyMatch(text -> text.startsWith("[scalecheck: ") && text.contains("not kept in memory"));

            List<Long> pids = awaitProcesses(deployment.process(replica), 3);
            long start = System.nanoTime();
            deployment.stopReplica(replica, Duration.ofSeconds(1));
            Duration took = report("stopReplica (sh wrapper, child ignoring SIGTERM, grace 1 s)", start);
            assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(7));
            assertThat(pids).noneMatch(ScenarioOperationsIT::running);
            assertThat(deployment.exitCode(replica)).isPresent();

            database.query("CREATE TABLE scenario_probe (id INT PRIMARY KEY, note VARCHAR(40))");
            database.query("INSERT INTO scenario_probe VALUES (1, 'written before the restart')");
            String started = database.query("SELECT pg_postmaster_start_time()::text AS t").get(0).get("t");
            start = System.nanoTime();
            deployment.restartDatabase(Deadline.after(Duration.ofSeconds(60), clock));
            report("restartDatabase (PostgreSQL)", start);
            assertThat(database.query("SELECT pg_postmaster_start_time()::text AS t").get(0).get("t")).as("a new server process")
                    .isNotEqualTo(started);
            assertThat(database.query("SELECT note FROM scenario_probe WHERE id = 1"))
                    .containsExactly(Map.of("note", "written before the restart"));
            String url = deployment.exec(replica, List.of("echo", "${DB_URL}"), null).stdout().strip();
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, noPassword).close())
                    .as("still asks every client for a password").isInstanceOf(SQLException.class);

            start = System.nanoTime();
            deployment.emptyDatabase();
            report("emptyDatabase (PostgreSQL)", start);
            assertThat(database.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'"))
                    .containsExactly(Map.of("n", "0"));
            createTableAsTheAppUser(deployment, replica);
        }
    }

    private void createTableAsTheAppUser(LocalDeployment deployment, Replica replica) throws SQLException {
        Map<String, String> environment = Map.of(
                "url", deployment.exec(replica, List.of("echo", "${DB_URL}"), null).stdout().strip(),
                "user", deployment.exec(replica, List.of("echo", "${DB_USER}"), null).stdout().strip(),
                "password", deployment.exec(replica, List.of("cat", "${DB_PASSWORD_FILE}"), null).stdout());
        Properties credentials = new Properties();
        credentials.setProperty("user", environment.get("user"));
        credentials.setProperty("password", environment.get("password"));
        try (Connection connection = DriverManager.getConnection(environment.get("url"), credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE created_again (id INT)");
            statement.execute("INSERT INTO created_again VALUES (1)");
        }
    }

    private static long uptime(SqlDatabase database) {
        return Long.parseLong(database.query("SELECT VARIABLE_VALUE AS v FROM information_schema.GLOBAL_STATUS "
                + "WHERE VARIABLE_NAME = 'UPTIME'").get(0).get("v"));
    }

    private static List<LogLine> readyLines(LocalDeployment deployment, String replica) {
        return deployment.logs().stream().filter(line -> line.replica().equals(replica) && line.text().contains("Ready on port")).toList();
    }

    private static HttpAnswer throughBalancer(LocalDeployment deployment, String path) {
        return new dev.scalecheck.core.evidence.PlainHttp(Duration.ofSeconds(5))
                .send("GET", deployment.loadBalancer().resolve(URI.create(path)), null, Map.of());
    }

    private void awaitReady(LocalDeployment deployment, Spec spec, Replica replica) throws InterruptedException {
        awaitTrue(READY, () -> deployment.request(replica, "GET", spec.health().path(), null).ok());
    }

    private List<Long> awaitProcesses(LocalProcess process, int count) throws InterruptedException {
        awaitTrue(Duration.ofSeconds(10), () -> process.pids().size() >= count);
        return process.pids();
    }

    private void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        assertThat(Deadline.after(timeout, clock).poll(Duration.ofMillis(50),
                () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty())).as("within %s", timeout).isPresent();
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(LocalProcess::running).orElse(false);
    }

    private static Duration report(String what, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        System.err.printf("%s took %d ms%n", what, took.toMillis());
        return took;
    }
}
