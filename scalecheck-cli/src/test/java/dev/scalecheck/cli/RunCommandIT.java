package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalecheck run -f}: a spec file drives the same run; bad specs are exit 2 with the key and line. */
class RunCommandIT {
    @TempDir
    Path dir;

    @Test
    void runsASpecWithTwoReplicasAndADisabledCheck() throws Exception {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), """
                orchestrator: local
                replicas: 2
                health: { timeout: 60s, startPeriod: 30s }
                checks:
                  lb-reaches-all: { requests: 10 }
                  fresh-state: { enabled: false }
                """);
        Cli.Outcome outcome = Cli.scalecheck("run", "-f", spec.toString());
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("[3/7] Starting 2 replicas at once... 2 started")
                .containsPattern("(?m)^PASS +lb-reaches-all +10 requests through .*api-1 5, api-2 5")
                .containsPattern("(?m)^SKIPPED +fresh-state +disabled in the spec")
                .contains("SCALING TEST PASSED, 1 of 10 checks skipped: fresh-state (2 replicas");
        assertThat(Leftovers.leftoverRunProcesses()).isEmpty();
    }

    @Test
    void theWriteTestCanRunAsAShellInEachReplicasEnvironment() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared.yml"), """
                replicas: 2
                health: { timeout: 60s, startPeriod: 30s }
                probes:
                  writes: { dataDir: "${DATA_DIR}" }
                """);
        Cli.Outcome passing = Cli.scalecheck("run", "-f", shared.toString());
        assertThat(passing.code()).as(passing.output()).isZero();
        assertThat(passing.output()).containsPattern("(?m)^PASS +shared-writes +2 replicas each wrote a token");

        Path missing = Files.writeString(dir.resolve("missing.yml"), """
                replicas: 2
                health: { timeout: 60s, startPeriod: 30s }
                probes:
                  writes: { dataDir: /proc/scalecheck-nowhere }
                """);
        Cli.Outcome failing = Cli.scalecheck("run", "-f", missing.toString());
        assertThat(failing.code()).isEqualTo(1);
        assertThat(failing.output()).containsPattern("(?m)^FAIL +shared-writes +api-1 could not write scalecheck-\\w+-api-1.txt: "
                + "exit 2: write: 1: cannot create /proc/scalecheck-nowhere/");
    }

    @Test
    void aBadSpecIsExitTwoNamingTheKeyAndLine() throws Exception {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), "replicas: 2\nhealth:\n  timout: 60s\n");
        Cli.Outcome outcome = Cli.scalecheck("run", "-f", spec.toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output()).contains("scalecheck.yml:3:3: unknown key 'timout' in health; expected one of: path, port, startPeriod, timeout");
        assertThat(outcome.output()).doesNotContain("[1/7]");
    }

    @Test
    void aMissingSpecOrUnknownOrchestratorIsExitTwo() throws Exception {
        Cli.Outcome missing = Cli.scalecheck("run", "-f", dir.resolve("nope.yml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.output()).contains("nope.yml does not exist; pass the spec with -f");
        Path spec = Files.writeString(dir.resolve("s.yml"), "orchestrator: nomad\nhealth: { path: /health }\n");
        Cli.Outcome unknown = Cli.scalecheck("run", "-f", spec.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown orchestrator 'nomad'; expected one of: compose, local, swarm");
    }

    @Test
    void aComposeRunWithoutDockerIsAnEnvironmentProblemExitThreeWithTheFix() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Files.copy(Path.of("../examples/compose/docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Path spec = Files.copy(Path.of("../examples/compose/scalecheck.yml"), dir.resolve("scalecheck.yml"));
        String jar = Cli.jar();
        Cli.Outcome outcome = Cli.process(120, java.util.Map.of("PATH", bin.toString()),
                "java", "-jar", jar, "run", "-f", spec.toString(), "--plain");
        assertThat(outcome.code()).as(outcome.output()).isEqualTo(3);
        assertThat(outcome.output()).contains("[1/7] Resetting the environment... FAILED: cannot run docker")
                .contains("is Docker installed? (scripts/docker-offline.sh installs it)")
                .contains("[7/7] Tearing down... removed everything the run started")
                .contains("SCALING TEST NOT RUN (environment problem");
    }
}
