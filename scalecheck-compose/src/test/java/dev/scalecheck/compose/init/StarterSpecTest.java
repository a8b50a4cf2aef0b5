package dev.scalecheck.compose.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.compose.lint.ComposeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterSpecTest {
    private static final Path POSTGRES_STACK = Path.of("src/test/resources/compose/postgres/compose.yaml");

    @TempDir
    Path dir;

    /** What init writes for the MariaDB example: the roles and values it saw, the probes as commented TODO lines. */
    @Test
    void readsTheMariaDbExampleAsBeforeAddingOnlyItsKind() {
        ComposeFile example = ComposeFile.read(Path.of("../examples/compose/docker-compose.yml"));
        StarterSpec.Draft draft = StarterSpec.write(example, "docker-compose.yml", Map.of());
        assertThat(draft.todos()).isEqualTo(2);
        assertThat(draft.text()).isEqualTo("""
                # scalecheck.yml written by 'scalecheck init' from docker-compose.yml; check every TODO line.
                orchestrator: compose
                replicas: 4
                service: api
                compose:
                  files: [docker-compose.yml]
                  project: scalecheck-compose
                  database: db
                  balancer: lb
                  loadBalancer: http://127.0.0.1:8080
                health:
                  path: /api/health/ready
                  port: 7777
                  timeout: 120s
                  startPeriod: 60s
                database:
                  kind: mariadb
                  name: app
                  # tool: flyway              # TODO: flyway | liquibase | schema_version; found from the history table when absent
                # probes:   # TODO: each probe enables a check that is SKIPPED without it; uncomment the lines and fill them in
                #   writes: { dataDir: /app/data }   # shared-writes: the directory DATA_DIR names; check all replicas share it
                #   state: { create: PATH }           # cross-replica-state: PATH, a POST through the load balancer that stores something
                # checks:
                #   lb-reaches-all: { replicaHeader: HEADER }   # HEADER, a response header naming the replica that answered
                """);
    }

    @Test
    void readsAPostgresStackWithItsDotEnvFile() {
        StarterSpec.Draft draft = StarterSpec.write(ComposeFile.read(POSTGRES_STACK), "compose.yaml", Map.of());
        assertThat(draft.text()).contains("service: backend\n", "  database: db\n", "  balancer: proxy\n",
                "  loadBalancer: http://127.0.0.1:8088\n", "  path: /healthz/ready\n", "  port: 8000\n", "  startPeriod: 40s\n",
                "database:\n  kind: postgres\n  name: orders\n");
        assertThat(draft.todos()).isEqualTo(2);
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFile() {
        StarterSpec.Draft draft = StarterSpec.write(ComposeFile.read(POSTGRES_STACK), "compose.yaml",
                Map.of("POSTGRES_DB", "billing", "PROXY_PORT", "9090"));
        assertThat(draft.text()).contains("  loadBalancer: http://127.0.0.1:9090\n", "  name: billing\n");
    }

    @Test
    void withoutPostgresDbThePostgresImageNamesTheDatabaseAfterTheUser() {
        assertThat(draft("""
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: shop
                      POSTGRES_PASSWORD: example
                """).text())
                .contains("  name: shop   # no POSTGRES_DB on 'db': the postgres image names the database after POSTGRES_USER\n");
        assertThat(draft("""
                  db:
                    image: postgres:16
                    environment: [POSTGRES_PASSWORD=example]
                """).text())
                .contains("  name: postgres   # neither POSTGRES_DB nor POSTGRES_USER on 'db': the postgres image's default database\n");
    }

    @Test
    void aNameTheFilesCannotTellIsATodoSayingWhy() {
        StarterSpec.Draft unset = draft("""
                  db:
                    image: postgres:16
                    environment: { POSTGRES_DB: "${DB_NAME}" }
                """);
        assertThat(unset.text()).contains("  name: app   # TODO: the application's schema; POSTGRES_DB of 'db' is not known here: "
                + "DB_NAME is not set (neither in the environment nor in .env)\n");
        assertThat(unset.todos()).isEqualTo(draft("""
                  db:
                    image: postgres:16
                    environment: { POSTGRES_DB: orders }
                """).todos() + 1);
        assertThat(draft("""
                  db:
                    image: postgres:16
                    environment: { POSTGRES_DB: "${DB_NAME:?set DB_NAME}" }
                """).text()).contains("POSTGRES_DB of 'db' is not known here: required variable DB_NAME is missing a value: set DB_NAME\n");
        assertThat(draft("""
                  db:
                    image: postgres:16
                    environment: { POSTGRES_DB_FILE: /run/secrets/db-name }
                """).text()).contains("  name: app   # TODO: the application's schema; 'db' reads POSTGRES_DB from the file "
                + "POSTGRES_DB_FILE names\n");
        assertThat(draft("""
                  db:
                    image: postgres:16
                    environment: { POSTGRES_USER_FILE: /run/secrets/db-user }
                """).text()).contains("  name: app   # TODO: the application's schema; no POSTGRES_DB on 'db', so the postgres image "
                + "names it after POSTGRES_USER, but 'db' reads POSTGRES_USER from the file POSTGRES_USER_FILE names\n");
        assertThat(draft("""
                  db:
                    image: mariadb:11.4
                    environment: { MARIADB_ROOT_PASSWORD: example }
                """).text()).contains("  name: app   # TODO: the application's schema (no MARIADB_DATABASE or MYSQL_DATABASE on 'db')\n");
    }

    @Test
    void readsTheNameFromAnEnvFileOrAListAndTheKindOnlyWhenTheImageTells() throws Exception {
        Files.writeString(dir.resolve("db.env"), "POSTGRES_DB=from_env_file\n");
        assertThat(draft("""
                  db:
                    image: postgis/postgis:16-3.4
                    env_file: db.env
                """).text()).contains("database:\n  kind: postgres\n  name: from_env_file\n");
        assertThat(draft("""
                  mysql:
                    image: mysql:8.4
                    environment: ["MYSQL_DATABASE=${APP_SCHEMA:-shop}"]
                """).text()).contains("  database: mysql\n", "database:\n  kind: mariadb\n  name: shop\n");
        assertThat(draft("""
                  postgres:
                    image: ${PG_IMAGE}
                    environment: { POSTGRES_DB: orders }
                """).text()).contains("  database: db   # TODO: no MariaDB/MySQL or PostgreSQL service found");
    }

    @Test
    void marksWhatItCannotFindAsTodo() {
        ComposeFile bare = ComposeFile.parse(Path.of("docker-compose.yml"), """
                services:
                  web:
                    build: .
                  cache:
                    image: redis:7
                """);
        StarterSpec.Draft draft = StarterSpec.write(bare, "docker-compose.yml", Map.of());
        assertThat(draft.text()).contains("service: web\n", "  database: db   # TODO: no MariaDB/MySQL or PostgreSQL service found",
                "  balancer: lb   # TODO: no load balancer service", "  path: /   # TODO: no URL in the healthcheck command",
                "  name: app   # TODO: the application's schema (no database service to read it from)");
        assertThat(draft.todos()).isEqualTo(9);
    }

    /** Through both models: redis is never the service, container_name does not hide it, values interpolated, any URL form. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ComposeModels.Source.class, names = {"COMPOSE_CLI", "RESOLVER"})
    void writesWhatTheModelSays(ComposeModels.Source source) throws Exception {
        if (source == ComposeModels.Source.COMPOSE_CLI) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ComposeModels.composeAvailable() || "1".equals(System.getenv(
                    "SCALECHECK_REQUIRE_DOCKER")), "no docker compose CLI here");
        }
        Files.writeString(dir.resolve(".env"), "SC_TEST_SCHEMA=shop\n");
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  redis:
                    image: redis:7
                    healthcheck: { test: [CMD, redis-cli, ping] }
                  shop:
                    build: .
                    container_name: shop
                    depends_on: { mysql: { condition: service_healthy } }
                    healthcheck:
                      test: [CMD-SHELL, "wget -qO- localhost:3000/health || exit 1"]
                      start_period: 90s
                  mysql:
                    image: mysql:8.4
                    environment: { MYSQL_DATABASE: "${SC_TEST_SCHEMA}" }
                  edge:
                    image: nginx:1.27
                    ports: ["8081:80"]
                    depends_on: [shop]
                """);
        ComposeFile model = ComposeModels.load(new ComposeProject(java.util.List.of(compose), dir, java.util.List.of(),
                java.util.List.of(), Map.of()), source);
        StarterSpec.Draft draft = StarterSpec.write(model, "compose.yaml", Map.of());
        assertThat(draft.text()).contains("service: shop\n", "  database: mysql\n", "  balancer: edge\n",
                "  loadBalancer: http://127.0.0.1:8081\n", "  path: /health\n", "  port: 3000\n", "  startPeriod: 90s\n",
                "  kind: mariadb\n  name: shop\n");
        assertThat(draft.text()).doesNotContain("/api/", "X-Served-By", "/items");
    }

    @Test
    void aBalancerPublishingItsTlsPortIsReachedOverHttps() {
        ComposeFile tls = ComposeFile.parse(dir.resolve("compose.yaml"), """
                services:
                  app:
                    build: .
                  proxy:
                    image: nginx:1.27
                    ports: ["8443:443"]
                    depends_on: [app]
                """);
        assertThat(StarterSpec.write(tls, "compose.yaml", Map.of()).text()).contains("  loadBalancer: https://127.0.0.1:8443\n");
    }

    @Test
    void listsTheCandidatesWhenNoServiceStandsOut() {
        ComposeFile two = ComposeFile.parse(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: example/web
                  admin:
                    image: example/admin
                  cache:
                    image: valkey/valkey:8
                """);
        assertThat(StarterSpec.write(two, "compose.yaml", Map.of()).text())
                .contains("service: app   # TODO: cannot tell which service is scaled; candidates: web, admin\n");
    }

    @Test
    void namesTheComposeFileRelativeToTheSpec() {
        assertThat(StarterSpec.relative(Path.of("/a/b/scalecheck.yml"), Path.of("/a/b/c/docker-compose.yml")))
                .isEqualTo("c/docker-compose.yml");
    }

    /** A stack of a scaled api, an HAProxy and the given database service, in {@link #dir}. */
    private StarterSpec.Draft draft(String databaseService) {
        ComposeFile file = ComposeFile.parse(dir.resolve("compose.yaml"), """
                services:
                  api:
                    build: .
                    healthcheck: { test: [CMD, curl, -f, "http://127.0.0.1:8000/health"] }
                  lb:
                    image: haproxy:2.9
                    ports: ["127.0.0.1:8080:8080"]
                """ + databaseService);
        return StarterSpec.write(file, "compose.yaml", Map.of());
    }
}
