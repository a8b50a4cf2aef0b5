package dev.scalecheck.compose.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.compose.lint.ComposeFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StarterSpecTest {
    @Test
    void readsTheExampleStackLeavingOnlyWhatAComposeFileCannotTell() {
        ComposeFile example = ComposeFile.read(Path.of("../examples/compose/docker-compose.yml"));
        StarterSpec.Draft draft = StarterSpec.write(example, "docker-compose.yml");
        assertThat(draft.text()).contains("service: api\n", "  files: [docker-compose.yml]\n", "  database: db\n", "  balancer: lb\n",
                "  loadBalancer: http://127.0.0.1:8080\n", "  path: /api/health/ready\n", "  port: 7777\n", "  startPeriod: 60s\n",
                "  name: app\n");
        assertThat(draft.todos()).isEqualTo(2);
    }

    @Test
    void marksWhatItCannotFindAsTodo() {
        ComposeFile bare = ComposeFile.parse(Path.of("docker-compose.yml"), """
                services:
                  web:
                    build: .
                  cache:
                    image: redis:7
                """);
        StarterSpec.Draft draft = StarterSpec.write(bare, "docker-compose.yml");
        assertThat(draft.text()).contains("service: web\n", "  database: db   # TODO: no MariaDB/MySQL service found",
                "  balancer: lb   # TODO: no load balancer service", "  path: /health   # TODO: no URL in the healthcheck command");
        assertThat(draft.todos()).isEqualTo(9);
    }

    @Test
    void namesTheComposeFileRelativeToTheSpec() {
        assertThat(StarterSpec.relative(Path.of("/a/b/scalecheck.yml"), Path.of("/a/b/c/docker-compose.yml")))
                .isEqualTo("c/docker-compose.yml");
    }
}
