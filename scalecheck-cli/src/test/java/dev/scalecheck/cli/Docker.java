package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** What the compose end-to-end tests need of the Docker engine, and what they must leave behind: nothing. */
final class Docker {
    private Docker() {
    }

    /** Skips the test without an engine with Compose v2, with the reason; a failure when SCALECHECK_REQUIRE_DOCKER=1 (CI). */
    static void require() throws Exception {
        Cli.Outcome info = Cli.process(60, "docker", "info", "--format", "{{.ServerVersion}}");
        Cli.Outcome compose = info.code() == 0 ? Cli.process(60, "docker", "compose", "version") : info;
        if (info.code() != 0 || compose.code() != 0) {
            String reason = "no Docker engine with Compose v2 answers (" + compose.output().strip()
                    + "); install and start one with scripts/docker-offline.sh";
            if ("1".equals(System.getenv("SCALECHECK_REQUIRE_DOCKER"))) {
                fail(reason + " (SCALECHECK_REQUIRE_DOCKER=1)");
            }
            Assumptions.abort(reason);
        }
    }

    /** No container, volume or network of the compose project is left. */
    static void assertNothingLeftOf(String project) throws Exception {
        String label = "label=com.docker.compose.project=" + project;
        assertThat(Cli.process(60, "docker", "ps", "--all", "--quiet", "--filter", label).output()).as("containers of " + project).isBlank();
        assertThat(Cli.process(60, "docker", "volume", "ls", "--quiet", "--filter", label).output()).as("volumes of " + project).isBlank();
        assertThat(Cli.process(60, "docker", "network", "ls", "--quiet", "--filter", label).output()).as("networks of " + project).isBlank();
    }

    /** Each build leaves the previous api image dangling; removes those of {@code project}. */
    static void pruneDanglingImagesOf(String project) throws Exception {
        Cli.process(120, "docker", "image", "prune", "--force", "--filter", "label=com.docker.compose.project=" + project);
    }
}
