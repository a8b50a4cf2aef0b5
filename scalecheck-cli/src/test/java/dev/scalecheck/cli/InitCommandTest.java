package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    private static final String POSTGRES_STACK = "../scalecheck-compose/src/test/resources/compose/postgres/compose.yaml";

    @TempDir
    Path dir;

    @Test
    void writesASpecThatRunAccepts() throws Exception {
        Path spec = dir.resolve("scalecheck.yml");
        Cli.Outcome outcome = Cli.scalecheck("init", "-f", "../examples/compose/docker-compose.yml", "-o", spec.toString());
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("wrote " + spec + " (2 TODO lines to check;");
        Spec read = SpecFiles.resolveAgainst(new SpecReader().read(spec), spec);
        assertThat(read.orchestrator()).isEqualTo("compose");
        assertThat(read.service()).isEqualTo("api");
        assertThat(read.compose().files()).singleElement().satisfies(f -> assertThat(Path.of(f)).isEqualTo(
                Path.of("../examples/compose/docker-compose.yml").toAbsolutePath().normalize()));
        assertThat(read.health().port()).isEqualTo(7777);
        assertThat(read.database().kind()).isEqualTo("mariadb");
    }

    @Test
    void writesAPostgresSpecThatValidatePasses() throws Exception {
        Path spec = dir.resolve("scalecheck.yml");
        Cli.Outcome init = Cli.scalecheck("init", "-f", POSTGRES_STACK, "-o", spec.toString());
        assertThat(init.code()).as(init.output()).isZero();
        assertThat(init.output()).contains("(2 TODO lines to check;");
        assertThat(Files.readString(spec)).contains("service: backend\n", "database:\n  kind: postgres\n  name: ");

        Cli.Outcome validate = Cli.scalecheck("validate", "-f", spec.toString());
        assertThat(validate.code()).as(validate.output()).isZero();
        assertThat(validate.output()).contains(spec + " is valid: compose, service 'backend', 4 replicas");
        assertThat(new SpecReader().read(spec).database().kind()).isEqualTo("postgres");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), "replicas: 2\n");
        Cli.Outcome outcome = Cli.scalecheck("init", "-f", "../examples/compose/docker-compose.yml", "-o", spec.toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output()).contains("already exists; pass --force to overwrite it");
        assertThat(Files.readString(spec)).isEqualTo("replicas: 2\n");
        assertThat(Cli.scalecheck("init", "-f", "../examples/compose/docker-compose.yml", "-o", spec.toString(), "--force").code())
                .isZero();
    }
}
