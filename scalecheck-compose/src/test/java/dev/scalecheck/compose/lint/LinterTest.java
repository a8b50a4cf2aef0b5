package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinterTest {
    private final Linter linter = Linter.standard();

    private static ComposeFile fixture(String name) throws URISyntaxException {
        return ComposeFile.read(Path.of(LinterTest.class.getResource("/compose/" + name).toURI()));
    }

    private static final String PG_ISREADY = "test: [\"CMD-SHELL\", \"pg_isready -h 127.0.0.1 -U $${POSTGRES_USER} -d $${POSTGRES_DB}\"]";

    /** The PostgreSQL fixture with one piece of text replaced, read as if it were the fixture's file. */
    private static ComposeFile postgresStack(String text, String replacement) throws Exception {
        Path path = Path.of(LinterTest.class.getResource("/compose/postgres/compose.yaml").toURI());
        String original = Files.readString(path);
        assertThat(original).contains(text);
        return ComposeFile.parse(path, original.replace(text, replacement));
    }

    @Test
    void findsEachScalingMistakeWithItsLineAndAFix() throws Exception {
        List<Finding> findings = linter.lint(fixture("bad-scaling.yml"), "api", "db", "lb");
        assertThat(findings).extracting(f -> f.rule() + "@" + f.line()).containsExactly(
                "no-healthcheck@4", "not-behind-balancer@4", "container-name@6", "fixed-host-port@8",
                "depends-on-healthy@11");
        assertThat(findings).filteredOn(f -> f.rule().equals("container-name")).first().satisfies(f -> {
            assertThat(f.message()).isEqualTo("service 'api' has container_name 'api' set; a scaled service cannot have a fixed name");
            assertThat(f.fix()).isEqualTo("Remove container_name from service 'api'.");
        });
        assertThat(findings).filteredOn(f -> f.rule().equals("fixed-host-port")).hasSize(1);
    }

    @Test
    void findsAWeakConditionAndABalancerThatDoesNotKnowTheService() throws Exception {
        List<Finding> findings = linter.lint(fixture("bad-conditions.yml"), "api", "db", "lb");
        assertThat(findings).extracting(f -> f.rule() + "@" + f.line()).containsExactly("depends-on-healthy@7", "not-behind-balancer@14");
        assertThat(findings.get(0).message()).contains("with condition service_started");
    }

    @Test
    void aStartPeriodShorterThanTheMeasuredTimeToHealthyIsAFinding() throws Exception {
        List<Finding> findings = linter.lint(fixture("bad-conditions.yml"), "api", "db", "lb", Duration.ofSeconds(45));
        assertThat(findings).filteredOn(f -> f.rule().equals("start-period-short")).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(11);
            assertThat(f.message()).isEqualTo("service 'api' has start_period 20s, shorter than the measured time to healthy 45s");
            assertThat(f.fix()).isEqualTo("Set start_period to at least 90s.");
        });
        assertThat(linter.lint(fixture("bad-conditions.yml"), "api", "db", "lb", Duration.ofSeconds(10)))
                .noneMatch(f -> f.rule().equals("start-period-short"));
    }

    @Test
    void theExampleStackHasNoFindings() {
        ComposeFile example = ComposeFile.read(Path.of("../examples/compose/docker-compose.yml"));
        assertThat(linter.lint(example, "api", "db", "lb", Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void mergedFilesAreLintedAsComposeMergesThemAndFindingsNameTheFileThatSaidIt() {
        ComposeFile example = ComposeFile.read(Path.of("../examples/compose/docker-compose.yml"));
        ComposeFile databaseOnly = ComposeFile.parse(Path.of("db.override.yml"), """
                services:
                  db:
                    environment:
                      MARIADB_EXTRA: "1"
                """);
        assertThat(linter.lint(ComposeFile.merge(List.of(example, databaseOnly)), "api", "db", "lb")).isEmpty();

        ComposeFile override = ComposeFile.parse(Path.of("api.override.yml"), """
                services:
                  api:
                    container_name: api
                    volumes:
                      - /tmp/scratch:/scratch
                    healthcheck:
                      start_period: 5s
                """);
        ComposeFile merged = ComposeFile.merge(List.of(example, override));
        assertThat(merged.describe()).isEqualTo("../examples/compose/docker-compose.yml + api.override.yml");
        List<Finding> findings = linter.lint(merged, "api", "db", "lb", Duration.ofSeconds(30));
        assertThat(findings).extracting(f -> f.file() + ":" + f.line() + " " + f.rule()).containsExactlyInAnyOrder(
                "api.override.yml:3 container-name", "api.override.yml:7 start-period-short");
        assertThat(findings).noneMatch(f -> f.rule().equals("data-not-shared"))
                .noneMatch(f -> f.rule().equals("no-healthcheck"));
    }

    @Test
    void aPostgresStackWithAPgIsReadyHealthcheckHasNoFindings() throws Exception {
        assertThat(linter.lint(fixture("postgres/compose.yaml"), "backend", "db", "proxy", Duration.ofSeconds(10))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "test: [\"CMD-SHELL\", \"pg_isready -U app\"]",
        "test: [\"CMD\", \"pg_isready\", \"-U\", \"app\"]",
        "test: [\"CMD-SHELL\", \"pg_isready -U $${POSTGRES_USER}\"]",
        "test: pg_isready -U app",
    })
    void everyFormOfPgIsReadyCountsAsTheDatabasesHealthcheck(String test) throws Exception {
        assertThat(linter.lint(postgresStack(PG_ISREADY, test), "backend", "db", "proxy")).isEmpty();
    }

    @Test
    void aPostgresDatabaseWithoutAHealthcheckIsAFindingWhoseFixIsPgIsReady() throws Exception {
        ComposeFile stack = postgresStack("""
                    healthcheck:
                      %s
                      interval: 5s
                      timeout: 5s
                      retries: 10
                """.formatted(PG_ISREADY), "");
        assertThat(linter.lint(stack, "backend", "db", "proxy")).singleElement().satisfies(f -> {
            assertThat(f.rule() + "@" + f.line()).isEqualTo("database-no-healthcheck@30");
            assertThat(f.message()).isEqualTo("database service 'db' has no healthcheck, but 'backend' waits for it with "
                    + "condition: service_healthy; compose cannot start 'backend'");
            assertThat(f.fix()).isEqualTo("Give 'db' a healthcheck that connects over TCP, e.g. "
                    + "test: [CMD-SHELL, \"pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}\"].");
        });
    }

    @Test
    void aDisabledDatabaseHealthcheckIsAFindingAtTheHealthcheck() throws Exception {
        assertThat(linter.lint(postgresStack(PG_ISREADY, "test: [\"NONE\"]"), "backend", "db", "proxy"))
                .extracting(f -> f.rule() + "@" + f.line()).containsExactly("database-no-healthcheck@45");
        assertThat(linter.lint(postgresStack(PG_ISREADY, "disable: true"), "backend", "db", "proxy")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("database service 'db' has its healthcheck disabled"));
    }

    @Test
    void aBackendWithoutAHealthcheckBesidePostgresIsStillAFinding() throws Exception {
        ComposeFile stack = postgresStack("""
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/healthz/ready"]
                      interval: 5s
                      timeout: 3s
                      retries: 20
                      start_period: 40s
                """, "");
        assertThat(linter.lint(stack, "backend", "db", "proxy")).extracting(f -> f.rule() + "@" + f.line())
                .containsExactly("no-healthcheck@5");
    }

    @Test
    void aMariaDbWithoutAHealthcheckGetsTheMariaDbFix() {
        ComposeFile stack = ComposeFile.parse(Path.of("docker-compose.yml"), """
                services:
                  db:
                    image: ${DB_IMAGE:-mariadb:11.4}
                  api:
                    image: example/api
                    volumes: [appdata:/app/data]
                    healthcheck: { test: [CMD, "true"] }
                    depends_on: { db: { condition: service_healthy } }
                  lb:
                    image: haproxy
                    depends_on: [api]
                """);
        assertThat(linter.lint(stack, "api", "db", "lb")).singleElement().satisfies(f -> {
            assertThat(f.rule() + "@" + f.line()).isEqualTo("database-no-healthcheck@2");
            assertThat(f.fix()).isEqualTo("Give 'db' a healthcheck that connects over TCP, e.g. test: [CMD, healthcheck.sh, "
                    + "--connect, --innodb_initialized] (MySQL: [CMD, mysqladmin, ping, -h, 127.0.0.1]).");
        });
    }

    @Test
    void anUnknownServiceIsBadInputListingTheServices() throws Exception {
        assertThatThrownBy(() -> linter.lint(fixture("bad-scaling.yml"), "web", "db", "lb"))
                .hasMessageEndingWith("has no service 'web'; services: db, api (choose one with --service)");
    }

    @Test
    void composeDurationsReadTheirOwnFormat() {
        assertThat(ComposeDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ComposeDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> ComposeDuration.parse("soon")).hasMessageContaining("not a compose duration");
    }
}
