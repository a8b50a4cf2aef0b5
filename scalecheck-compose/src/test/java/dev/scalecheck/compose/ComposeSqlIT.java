package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.database.Session;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL probes on a real compose database, through the run's own path: {@code up --wait} of
 * the database service, its kind from {@code docker compose config} (the spec names none), then
 * the database's client by {@code exec}. Needs a Docker engine and the images of
 * scripts/docker-offline.sh (local/postgres, local/mariadb); skipped without them unless
 * SCALECHECK_REQUIRE_DOCKER=1.
 */
class ComposeSqlIT {
    private static final String PROJECT = "scalecheck-sql-it";

    @TempDir
    Path dir;
    private ComposeCli cli;

    @AfterEach
    void removeTheProject() {
        if (cli != null) {
            cli.require(Duration.ofMinutes(2), null, "down", "--volumes", "--remove-orphans");
            DockerEngine.assertNothingLeftOf(PROJECT);
        }
    }

    @Test
    void psqlAnswersAsTheSuperuserOverTheSocketWithNullsEmptiesAndLineBreaks() throws IOException {
        SqlDatabase database = start("local/postgres", """
                    environment:
                      POSTGRES_DB: app
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                    healthcheck:
                      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "app", "-d", "app"]
                """);
        assertThat(database.kind()).isEqualTo("postgres");
        List<Map<String, String>> rows = database.query("SELECT k, s, n FROM (VALUES (1, 'a', NULL::text), (2, '', NULL), "
                + "(3, 'two\nlines', 'x')) v(k, s, n) ORDER BY k");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("k", "1").containsEntry("s", "a").containsEntry("n", null);
        assertThat(rows.get(1)).containsEntry("s", "").containsEntry("n", null);
        assertThat(rows.get(2)).containsEntry("s", "two\nlines").containsEntry("n", "x");
        assertThat(database.query("SELECT current_user AS u, current_database() AS d, "
                + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su, inet_client_addr() AS a"))
                .containsExactly(nullable("u", "app", "d", "app", "su", "t", "a", null));
        assertThat(database.query("SELECT 1 AS one WHERE false")).isEmpty();
        assertThatThrownBy(() -> database.query("SELECT nope")).isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("column \"nope\" does not exist");
    }

    /**
     * PostgreSQL lists a client as client_addr and client_port; the dialect joins them as
     * {@code addr:port}, and compose traces that to the container by its address.
     */
    @Test
    void aPostgresClientsSessionAndAdvisoryLockAreTracedToItsContainer() throws Exception {
        Started started = start("local/postgres", """
                    environment:
                      POSTGRES_DB: app
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                    healthcheck:
                      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "app", "-d", "app"]
                """, "", """
                  holder:
                    image: ${DB_IMAGE}
                    pull_policy: never
                    secrets: [db_password]
                    stop_signal: SIGKILL
                    command: ["sh", "-c", "PGPASSWORD=$$(cat /run/secrets/db_password) exec psql -X -h db -U app -d app -c 'SELECT pg_advisory_lock(4242)' -c 'SELECT pg_sleep(600)'"]
                """);
        cli.require(Duration.ofMinutes(1), null, "up", "--detach", "holder");
        Dialect dialect = Dialect.of(started.database().kind());
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());
        List<HeldLock> locks = deadline.poll(Duration.ofMillis(200), () -> Optional.of(dialect.userLocks(started.database()).held())
                .filter(held -> !held.isEmpty())).orElseThrow(() -> new AssertionError("the holder's lock never showed"));
        List<Session> sessions = dialect.sessions(started.database());
        assertThat(locks).singleElement().satisfies(lock -> assertThat(lock.name()).isEqualTo("4242"));
        assertThat(sessions).singleElement().satisfies(session -> assertThat(session.client()).isEqualTo(locks.get(0).client()));

        Container holder = ComposeOutput.containers(cli.require(Duration.ofSeconds(30), null, "ps", "--format", "json", "holder")
                .stdout()).get(0);
        Replica replica = new Replica(1, "holder-1", holder.id(), Instant.now());
        assertThat(started.deployment().replicasOf(List.of(replica), List.of(sessions.get(0).client())))
                .containsExactly(Map.entry(sessions.get(0).client(), "holder-1"));
    }

    @Test
    void mariadbAnswersAsBefore() throws IOException {
        SqlDatabase database = start("local/mariadb", """
                    environment:
                      MARIADB_DATABASE: app
                      MARIADB_USER: app
                      MARIADB_PASSWORD_FILE: /run/secrets/db_password
                    healthcheck:
                      test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"]
                """);
        assertThat(database.kind()).isEqualTo("mariadb");
        assertThat(database.query("SELECT DATABASE() AS d, NULL AS n")).containsExactly(nullable("d", "app", "n", null));
    }

    /** local/mariadb's root logs in by socket, so this proves the client takes the option file, not the password check. */
    @Test
    void mariadbGetsTheRootPasswordThroughAnOptionFile() throws IOException {
        SqlDatabase database = start("local/mariadb", """
                    environment:
                      MARIADB_DATABASE: app
                      MARIADB_USER: app
                      MARIADB_PASSWORD_FILE: /run/secrets/db_password
                      MARIADB_ROOT_PASSWORD_FILE: /run/secrets/db_password
                    healthcheck:
                      test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"]
                """);
        assertThat(database.query("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AS u")).containsExactly(nullable("u", "root"));
    }

    private SqlDatabase start(String image, String service) throws IOException {
        return start(image, service, "    network_mode: none\n", "").database();
    }

    private record Started(ComposeDeployment deployment, SqlDatabase database) {}

    private Started start(String image, String service, String network, String others) throws IOException {
        requireDockerAnd(image);
        Path secret = dir.resolve("db-password");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        Files.writeString(secret, Base64.getUrlEncoder().encodeToString(random));
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  db:
                    image: ${DB_IMAGE}
                    pull_policy: never
                    secrets: [db_password]
                """ + network + service + """
                      interval: 1s
                      retries: 60
                """ + others + """
                secrets:
                  db_password:
                    file: ./db-password
                """);
        Spec spec = new SpecReader().parse("""
                orchestrator: compose
                service: db
                compose: { files: ["%s"], project: %s, database: db, environment: { DB_IMAGE: %s } }
                health: { path: /, port: 1 }
                database: { name: app }
                """.formatted(compose, PROJECT, image), "ComposeSqlIT");
        cli = new ComposeCli(dir, PROJECT, List.of(compose), Map.of("DB_IMAGE", image));
        ComposeDeployment deployment = new ComposeDeployment(spec, Clock.systemUTC());
        return new Started(deployment, deployment.startDatabase(Deadline.after(Duration.ofMinutes(2), Clock.systemUTC())));
    }

    private static void requireDockerAnd(String image) {
        DockerEngine.requireImages(image);
    }

    private static Map<String, String> nullable(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
