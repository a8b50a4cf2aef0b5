package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.orchestrator.RunOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second run of a compose project another live run uses is an environment problem (exit 3),
 * decided before any docker command: the other run's deployment is not reset under it.
 */
class ComposeProjectInUseTest {
    @TempDir
    Path dir;

    @Test
    void exitsThreeNamingTheProjectTheRunThatHoldsItAndWhatToDo() throws Exception {
        String project = "scalecheck-in-use-" + UUID.randomUUID().toString().substring(0, 8);
        Path ownerFile = Path.of(System.getProperty("java.io.tmpdir"), "scalecheck-compose-" + project + ".owner");
        RunOwner other = RunOwner.current();
        other.write(ownerFile);
        try {
            Files.writeString(dir.resolve("docker-compose.yml"), """
                    services:
                      api: { image: example/api }
                      db: { image: mariadb:11.4 }
                    """);
            Path spec = Files.writeString(dir.resolve("scalecheck.yml"), """
                    orchestrator: compose
                    service: api
                    compose: { files: [docker-compose.yml], project: %s, database: db }
                    health: { path: /ready, port: 8080 }
                    """.formatted(project));

            Cli.Outcome outcome = Cli.scalecheck("run", "-f", spec.toString());

            assertThat(outcome.code()).as(outcome.output()).isEqualTo(3);
            assertThat(outcome.output()).contains("scalecheck: the run could not be carried out: compose project '" + project
                    + "' is in use by another scalecheck run (pid " + other.pid() + " started " + other.started() + "), and this "
                    + "run's reset would remove its containers and database; wait for that run to end, or set compose.project "
                    + "to another name\n");
            assertThat(RunOwner.read(ownerFile)).as("the other run's claim stands").contains(other);
        } finally {
            Files.deleteIfExists(ownerFile);
        }
    }
}
