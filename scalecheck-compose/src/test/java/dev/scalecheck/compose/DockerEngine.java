package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.scalecheck.core.orchestrator.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What this module's integration tests need of the Docker engine, and what they must leave
 * behind: nothing (as scalecheck-cli's {@code Docker} helper, for tests that drive the
 * orchestrator directly).
 */
final class DockerEngine {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DockerEngine() {
    }

    /** Skips the test without an engine that has {@code images}, with the reason; a failure when SCALECHECK_REQUIRE_DOCKER=1 (CI). */
    static void requireImages(String... images) {
        for (String image : images) {
            Command.Result info = docker("image", "inspect", "--format", "{{.Id}}", image);
            if (!info.ok()) {
                String reason = "no Docker engine with the image " + image + " (" + info.stderr().strip()
                        + "); build it with scripts/docker-offline.sh install start images";
                if ("1".equals(System.getenv("SCALECHECK_REQUIRE_DOCKER"))) {
                    fail(reason + " (SCALECHECK_REQUIRE_DOCKER=1)");
                }
                Assumptions.abort(reason);
            }
        }
    }

    /** No container, volume or network of the compose project is left. */
    static void assertNothingLeftOf(String project) {
        String label = "label=com.docker.compose.project=" + project;
        assertThat(docker("ps", "--all", "--quiet", "--filter", label).stdout()).as("containers of " + project).isBlank();
        assertThat(docker("volume", "ls", "--quiet", "--filter", label).stdout()).as("volumes of " + project).isBlank();
        assertThat(docker("network", "ls", "--quiet", "--filter", label).stdout()).as("networks of " + project).isBlank();
    }

    /** Removes images the project's builds tagged ({@code tags}) and left dangling, and no other. */
    static void removeImagesOf(String project, String... tags) {
        for (String tag : tags) {
            docker("image", "rm", "--force", tag);
        }
        docker("image", "prune", "--force", "--filter", "label=com.docker.compose.project=" + project);
    }

    static Command.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Command.run(command, Path.of("."), Map.of(), TIMEOUT, null);
    }
}
