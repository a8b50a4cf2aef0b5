package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.RunOwner;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a compose deployment does before it runs any docker command. */
class ComposeDeploymentTest {
    @TempDir
    Path dir;

    /** Nothing of the project is touched: no down, no logs of the other run's replicas, its owner file kept. */
    @Test
    void aProjectInUseByALiveRunIsNotResetAndTeardownLeavesItAlone() throws Exception {
        Spec spec = new SpecReader().parse("""
                orchestrator: compose
                service: api
                compose: { files: ["%s"], project: shop, database: db }
                health: { path: /ready, port: 8080 }
                """.formatted(dir.resolve("docker-compose.yml")), "ComposeDeploymentTest");
        ProjectOwner project = new ProjectOwner(dir, "shop");
        RunOwner other = RunOwner.current();
        other.write(project.file());
        ComposeDeployment deployment = new ComposeDeployment(spec, Clock.systemUTC(), dir);

        assertThatThrownBy(deployment::reset).isInstanceOf(OrchestratorException.class)
                .hasMessageStartingWith("compose project 'shop' is in use by another scalecheck run (" + other + ")")
                .message().doesNotContain("\n");
        assertThat(deployment.logs()).isEmpty();
        deployment.close();
        assertThat(RunOwner.read(project.file())).contains(other);
    }
}
