package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesASpecThatRunAccepts() throws Exception {
        Path spec = dir.resolve("scalecheck.yml");
        Cli.Outcome outcome = Cli.scalecheck("init", "-f", "../examples/compose/docker-compose.yml", "-o", spec.toString());
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("wrote " + spec + " (2 TODO lines to check)");
        Spec read = SpecFiles.resolveAgainst(new SpecReader().read(spec), spec);
        assertThat(read.orchestrator()).isEqualTo("compose");
        assertThat(read.service()).isEqualTo("api");
        assertThat(read.compose().files()).singleElement().satisfies(f -> assertThat(Path.of(f)).isEqualTo(
                Path.of("../examples/compose/docker-compose.yml").toAbsolutePath().normalize()));
        assertThat(read.health().port()).isEqualTo(7777);
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
