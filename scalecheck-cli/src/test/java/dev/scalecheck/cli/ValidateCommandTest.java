package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalecheck validate}: reads the spec and the compose model, starts nothing, exit 0 or 2. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void aGoodLocalSpecIsValid() throws Exception {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), """
                local:
                  command: [java, -jar, app.jar]
                  environment: { DATABASE_PASSWORD: "${DB_PASSWORD}" }
                health: { path: /health }
                """);
        Cli.Outcome outcome = Cli.scalecheck("validate", "-f", spec.toString());
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("is valid: local, service 'api', 4 replicas").doesNotContain("demo preset");
        assertThat(Leftovers.runProcessesStartedHere()).isEmpty();
    }

    @Test
    void thePasswordOnACommandLineIsExitTwoWithTheFix() throws Exception {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), """
                local:
                  command: [sh, -c, "java -jar app.jar --password=${DB_PASSWORD}"]
                health: { path: /health }
                """);
        Cli.Outcome outcome = Cli.scalecheck("validate", "-f", spec.toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output()).contains("local.command[2] uses ${DB_PASSWORD}; a password must never be on a command line");
    }

    @Test
    void aComposeSpecNamingServicesTheFilesDoNotHaveIsExitTwo() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  web: { image: example/web }
                  postgres: { image: postgres:16 }
                  proxy: { image: nginx }
                """);
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), """
                orchestrator: compose
                service: api
                compose: { files: [docker-compose.yml], database: postgres, balancer: lb }
                health: { path: /health, port: 8000 }
                """);
        Cli.Outcome outcome = Cli.scalecheck("validate", "-f", spec.toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output())
                .contains("service 'api' is not a service of the compose files; expected one of: postgres, proxy, web")
                .contains("compose.balancer 'lb' is not a service of the compose files")
                .doesNotContain("compose.database");
    }
}
