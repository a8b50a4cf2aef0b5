package dev.scalecheck.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecReaderTest {
    private final SpecReader reader = new SpecReader();

    @Test
    void anEmptyFileIsTheDemoOnTheLocalOrchestrator() {
        Spec spec = reader.parse("", "scalecheck.yml");
        assertThat(spec.orchestrator()).isEqualTo("local");
        assertThat(spec.replicas()).isEqualTo(4);
        assertThat(spec.health().path()).isEqualTo("/api/health/ready");
        assertThat(spec.markers().description()).isEqualTo("demo");
        assertThat(spec.checks().parallelStartup().maxSpread()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsTheDesignSketch() {
        Spec spec = reader.parse("""
                orchestrator: compose
                replicas: 4
                service: api
                compose: { files: [docker-compose.yml], database: db, loadBalancer: http://127.0.0.1:8080 }
                health:  { path: /api/health/ready, port: 7777, timeout: 120s, startPeriod: 2m }
                database: { name: app, migrationTable: flyway_schema_history, lockName: app_migration }
                markers: flyway
                checks:
                  parallel-startup: { maxSpread: 5s }
                  lb-reaches-all:   { requests: 40, replicaHeader: X-Replica-Id }
                  fresh-state: { enabled: false }
                """, "scalecheck.yml");
        assertThat(spec.compose().loadBalancer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(spec.health().startPeriod()).isEqualTo(Duration.ofMinutes(2));
        assertThat(spec.database().lockName()).isEqualTo("app_migration");
        assertThat(spec.markers().matches(Markers.Kind.APPLIED, "Successfully applied 4 migrations to schema `app`")).isTrue();
        assertThat(spec.checks().freshState().enabled()).isFalse();
        assertThat(spec.checks().lbReachesAll().requests()).isEqualTo(40);
    }

    @Test
    void readsScenariosAndTheirWorkload() {
        Spec spec = reader.parse("""
                scenarios: [rolling-restart, db-restart]
                workload: { rate: 50, maxRequests: 3000, baseline: 1s, stopGrace: 30s }
                """, "scalecheck.yml");
        assertThat(spec.scenarios()).containsExactly("rolling-restart", "db-restart");
        assertThat(spec.workload()).isEqualTo(new Spec.Workload(50, 3000, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(reader.parse("", "scalecheck.yml").workload())
                .isEqualTo(new Spec.Workload(100, 20_000, Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @Test
    void anUnknownKeyNamesTheKeyTheLineAndWhatIsAllowed() {
        assertThatThrownBy(() -> reader.parse("replicas: 4\nchecks:\n  parallel-startup:\n    maxSpred: 5s\n", "scalecheck.yml"))
                .isInstanceOf(SpecException.class)
                .hasMessage("scalecheck.yml:4:5: unknown key 'maxSpred' in checks.parallel-startup; expected one of: enabled, maxSpread");
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheLine() {
        assertThatThrownBy(() -> reader.parse("replicas: four\n", "scalecheck.yml"))
                .hasMessageStartingWith("scalecheck.yml:1:11: 'replicas' ");
        assertThatThrownBy(() -> reader.parse("health:\n  timeout: soon\n", "scalecheck.yml"))
                .hasMessageStartingWith("scalecheck.yml:2:").hasMessageContaining("'health.timeout'").hasMessageContaining("5s, 2m or 500ms");
    }

    @Test
    void replicasOutOfRangeIsRefused() {
        assertThatThrownBy(() -> reader.parse("replicas: 0\n", "s.yml")).hasMessage("s.yml:1:11: replicas is 0; expected a whole number from 1 to 64");
    }

    @Test
    void markersMayBeAPresetPlusCustomPatterns() {
        Spec spec = reader.parse("markers: { preset: flyway, ready: 'Started Application' }\n", "s.yml");
        assertThat(spec.markers().matches(Markers.Kind.READY, "Started Application in 2.1 seconds")).isTrue();
        assertThat(spec.markers().matches(Markers.Kind.UP_TO_DATE, "Schema `app` is up to date. No migration necessary.")).isTrue();
        assertThatThrownBy(() -> reader.parse("markers: django\n", "s.yml")).hasMessageContaining("unknown marker preset 'django'");
        assertThatThrownBy(() -> reader.parse("markers: { ready: '(' }\n", "s.yml"))
                .hasMessageContaining("marker 'ready' is not a valid regular expression");
    }

    @Test
    void aMissingFileSaysHowToFixIt() {
        assertThatThrownBy(() -> reader.read(Path.of("/nonexistent/scalecheck.yml")))
                .hasMessage("/nonexistent/scalecheck.yml does not exist; pass the spec with -f, or write one with 'scalecheck init'");
    }

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.format(Duration.ofSeconds(120))).isEqualTo("2m");
    }

    @Test
    void theDemoPresetAppliesOnlyToASpecThatRunsTheDemo() {
        Spec demo = reader.parse("", "s.yml");
        assertThat(demo.database().lockName()).isEqualTo("demo_migration");
        assertThat(demo.checks().lbReachesAll().replicaHeader()).isEqualTo("X-Replica-Id");

        Spec own = reader.parse("""
                local:
                  command: [java, -jar, app.jar]
                health: { path: /health }
                """, "s.yml");
        assertThat(own.isDemo()).isFalse();
        assertThat(own.database().lockName()).isNull();
        assertThat(own.database().tool()).isNull();
        assertThat(own.markers()).isNull();
        assertThat(own.probes().writes()).isNull();
        assertThat(own.probes().state()).isNull();
        assertThat(own.checks().lbReachesAll().replicaHeader()).isNull();
        assertThat(own.checks().lbReachesAll().path()).isNull();
        assertThat(own.checks().connectionHeadroom().poolField()).isNull();
    }

    @Test
    void aServiceOfOnesOwnMustNameItsReadinessEndpoint() {
        assertThatThrownBy(() -> reader.parse("local:\n  command: [java, -jar, app.jar]\n", "s.yml"))
                .hasMessageStartingWith("s.yml: health.path is missing; scalecheck polls each replica's own readiness endpoint");
        assertThatThrownBy(() -> reader.parse("orchestrator: compose\nhealth: { path: /health }\n", "s.yml"))
                .hasMessageStartingWith("s.yml:2:9: health.port is missing");
    }

    @Test
    void thePasswordPlaceholderIsRefusedOnTheCommandLine() {
        assertThatThrownBy(() -> reader.parse("""
                local:
                  command: [java, "-Dpassword=${DB_PASSWORD}", -jar, app.jar]
                health: { path: /health }
                """, "s.yml"))
                .hasMessageStartingWith("s.yml:2:19: local.command[1] uses ${DB_PASSWORD}; a password must never be on a command line");
        Spec allowed = reader.parse("""
                local:
                  command: [java, -jar, app.jar]
                  environment: { SPRING_DATASOURCE_PASSWORD: "${DB_PASSWORD}" }
                health: { path: /health }
                """, "s.yml");
        assertThat(allowed.local().environment()).containsEntry("SPRING_DATASOURCE_PASSWORD", "${DB_PASSWORD}");
    }

    @Test
    void probesAndToolsAreCheckedBeforeAnythingStarts() {
        String own = "local: { command: [app] }\nhealth: { path: /health }\n";
        assertThatThrownBy(() -> reader.parse(own + "database: { tool: hibernate }\n", "s.yml"))
                .hasMessageContaining("unknown migration tool 'hibernate'; expected one of: flyway, liquibase, schema_version, demo");
        assertThatThrownBy(() -> reader.parse(own + "probes: { auth: { header: Authorization } }\n", "s.yml"))
                .hasMessageContaining("probes.auth needs exactly one of env");
        assertThatThrownBy(() -> reader.parse(own + "probes: { writes: { path: /files } }\n", "s.yml"))
                .hasMessageContaining("probes.writes.path '/files' has no {name}");
        assertThatThrownBy(() -> reader.parse(own + "probes: { state: { read: \"/x/{id}\" } }\n", "s.yml"))
                .hasMessageContaining("probes.state needs create");
    }

    @Test
    void aZeroTimeoutIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> reader.parse("replicas: 2\nhealth:\n  timeout: 0s\n", "spec.yml"))
                .isInstanceOf(SpecException.class)
                .hasMessage("spec.yml:3:12: health.timeout is 0s; expected a duration above 0, e.g. 120s");
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> reader.parse("checks:\n  startup-budget: { maxFraction: 7 }\n", "s.yml"))
                .hasMessage("s.yml:2:34: checks.startup-budget.maxFraction is 7.0; expected a fraction above 0 and at most 1, e.g. 0.5");
    }

    @Test
    void aWholeNumberWithAFractionIsRefusedNotTruncated() {
        assertThatThrownBy(() -> reader.parse("replicas: 2.5\n", "s.yml"))
                .hasMessage("s.yml:1:11: 'replicas' is 2.5; expected a whole number such as 4");
    }

    @Test
    void anUnclosedSequenceIsASyntaxErrorWithLineAndColumn() {
        assertThatThrownBy(() -> reader.parse("replicas: [4\n", "s.yml"))
                .hasMessageStartingWith("s.yml:2:1: not valid YAML: expected ',' or ']', but got <stream end>")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> reader.parse("health:\n  path: /a\n  path: /b\n", "s.yml"))
                .hasMessage("s.yml:3:3: duplicate key 'path' in health (first at line 2); keep one of them");
    }

    @Test
    void namesThatBecomePathsOrSqlAreChecked() {
        assertThatThrownBy(() -> reader.parse("service: ../../x\n", "s.yml"))
                .hasMessageStartingWith("s.yml:1:10: service '../../x' is not a safe name");
        assertThatThrownBy(() -> reader.parse("database: { name: 'app; DROP' }\n", "s.yml"))
                .hasMessageStartingWith("s.yml:1:19: database.name 'app; DROP' is not a plain SQL identifier");
        assertThatThrownBy(() -> reader.parse("health: { path: /api/he alth }\n", "s.yml"))
                .hasMessage("s.yml:1:17: health.path '/api/he alth' has a space at position 8, which a URL cannot hold; "
                        + "percent-encode it (%20) or remove it; e.g. /actuator/health/readiness");
    }

    @Test
    void aSpecOverTheSizeLimitIsRefusedBeforeItIsParsed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yml");
        try (var out = java.nio.file.Files.newBufferedWriter(big)) {
            out.write("replicas: 2\n#");
            for (int i = 0; i < 2 * 1024; i++) {
                out.write("x".repeat(1024));
            }
        }
        assertThatThrownBy(() -> reader.read(big))
                .hasMessage(big + " is 2.0 MiB, larger than the spec limit of 1 MiB (1048576 bytes); is it the right file?");
    }

    @Test
    void aBinaryFileIsRefusedAsNotText(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path binary = java.nio.file.Files.write(dir.resolve("spec.yml"), new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> reader.read(binary))
                .hasMessage(binary + " is not a UTF-8 text file: byte 0xc3 at offset 3 is not UTF-8; save the spec as UTF-8 text");
    }
}
