package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @TempDir
    Path dir;

    @Test
    void theComposeExampleHasNoFindings() {
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", "../examples/compose/docker-compose.yml",
                "--time-to-healthy", "10s");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("lint: no findings for service 'api'");
    }

    @Test
    void aPostgresStackWithAPgIsReadyHealthcheckHasNoFindings() {
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", "../scalecheck-compose/src/test/resources/compose/postgres/compose.yaml",
                "--service", "backend", "--database", "db", "--balancer", "proxy");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("lint: no findings for service 'backend'");
    }

    @Test
    void findingsNameFileLineRuleAndFixAndExitOne() throws Exception {
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  db:
                    image: mariadb:11.4
                  api:
                    image: example/api
                    container_name: api
                    volumes: [appdata:/app/data]
                    healthcheck: { test: [CMD, "true"] }
                  lb:
                    image: haproxy
                    depends_on: [api]
                volumes:
                  appdata:
                """);
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", compose.toString());
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.output()).contains(compose + ":4: [no-depends-on-database] service 'api' does not depend on the "
                + "database 'db'; replicas may start before it answers",
                compose + ":6: [container-name] service 'api' has container_name 'api' set; "
                + "a scaled service cannot have a fixed name", "    fix: Remove container_name from service 'api'.",
                "lint: read with ", "; service 'api', database 'db', load balancer 'lb'", "lint: 2 findings for service 'api'");
    }

    @Test
    void repeatedFilesAreMergedAsDockerComposeMergesThem() throws Exception {
        Path override = Files.writeString(dir.resolve("docker-compose.override.yml"), """
                services:
                  api:
                    ports: ["7777:7777"]
                """);
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", "../examples/compose/docker-compose.yml", "-f", override.toString());
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output()).contains(override + ":3: [fixed-host-port] service 'api' publishes the fixed host port "
                + "7777; only one replica can bind it", "lint: 1 finding for service 'api'");
    }

    @Test
    void takesTheMeasuredTimeToHealthyFromARunsJsonReport() throws Exception {
        Path json = Path.of("../scalecheck-reports/src/test/resources/golden/serial-lock.json");
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  db:
                    image: mariadb:11.4
                  api:
                    image: example/api
                    volumes: [appdata:/app/data]
                    healthcheck:
                      test: [CMD, "true"]
                      start_period: 10s
                  lb:
                    image: haproxy
                    depends_on: [api]
                volumes:
                  appdata:
                """);
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", compose.toString(), "--run", json.toString());
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output()).contains(":9: [start-period-short] service 'api' has start_period 10s, shorter than the "
                + "measured time to healthy 18s");
    }

    @Test
    void aMissingFileOrServiceIsBadInput() throws Exception {
        assertThat(Cli.scalecheck("lint", "-f", dir.resolve("none.yml").toString()).code()).isEqualTo(2);
        Path compose = Files.writeString(dir.resolve("c.yml"), "services:\n  web:\n    image: x\n");
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", compose.toString(), "--service", "api");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output()).contains("has no service 'api'; services: web (choose one with --service)");
        Cli.Outcome noDatabase = Cli.scalecheck("lint", "-f", compose.toString(), "--database", "postgres");
        assertThat(noDatabase.code()).isEqualTo(2);
        assertThat(noDatabase.output()).contains("--database 'postgres' is not a service of " + compose + "; services: web");
        Path two = Files.writeString(dir.resolve("two.yml"), "services:\n  web:\n    image: x\n  admin:\n    image: y\n");
        Cli.Outcome unsure = Cli.scalecheck("lint", "-f", two.toString());
        assertThat(unsure.code()).isEqualTo(2);
        assertThat(unsure.output()).contains("cannot tell which service is scaled; candidates: web, admin; choose one with --service");
    }

    @Test
    void aFileComposeRefusesIsBadInputWithComposesReason() throws Exception {
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: example/api
                    ports: "8080:80"
                """);
        Cli.Outcome outcome = Cli.scalecheck("lint", "-f", compose.toString());
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("services.api.ports must be a");
    }

    /** 120 merge keys (SnakeYAML's default limit is 50) and a value with ${VAR-default}, both as compose reads them. */
    @Test
    void readsManyMergeKeysAndTheLoadBalancerOfAnActiveProfile() throws Exception {
        StringBuilder workers = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            workers.append("  worker").append(i).append(":\n    <<: *common\n    image: busybox:1.36\n");
        }
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                x-common: &common
                  restart: unless-stopped
                services:
                  app:
                    build: .
                    depends_on: { db: { condition: service_healthy } }
                    healthcheck:
                      test: [CMD, "true"]
                      start_period: ${SC_LINT_TEST_START-120s}
                  db:
                    image: postgres:16
                    healthcheck: { test: [CMD-SHELL, "pg_isready -h 127.0.0.1"] }
                  edge:
                    image: haproxy:2.9
                    profiles: [edge]
                    depends_on: [app]
                """ + workers);
        Cli.Outcome plain = Cli.scalecheck("lint", "-f", compose.toString());
        assertThat(plain.code()).as(plain.output()).isEqualTo(1);
        assertThat(plain.output()).contains(compose + ":15: [lb-only-in-profile] load balancer 'edge' is only in profile [edge]");
        Cli.Outcome withProfile = Cli.scalecheck("lint", "-f", compose.toString(), "--profile", "edge", "--time-to-healthy", "60s");
        assertThat(withProfile.code()).as(withProfile.output()).isZero();
        assertThat(withProfile.output()).contains("service 'app', database 'db', load balancer 'edge'", "lint: no findings");
    }
}
