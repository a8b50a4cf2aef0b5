package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {
    private final Linter linter = Linter.standard();

    private static ComposeFile fixture(String name) throws URISyntaxException {
        return ComposeFile.read(Path.of(LinterTest.class.getResource("/compose/" + name).toURI()));
    }

    @Test
    void findsEachScalingMistakeWithItsLineAndAFix() throws Exception {
        List<Finding> findings = linter.lint(fixture("bad-scaling.yml"), "api", "db", "lb");
        assertThat(findings).extracting(f -> f.rule() + "@" + f.line()).containsExactly(
                "no-healthcheck@4", "data-not-shared@4", "not-behind-balancer@4", "container-name@6", "fixed-host-port@8",
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
