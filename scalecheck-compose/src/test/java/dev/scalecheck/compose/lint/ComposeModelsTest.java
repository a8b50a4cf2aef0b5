package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeModelsTest {
    @TempDir
    Path dir;

    /**
     * The resolver checks only the parts of compose's schema public files get wrong; where it
     * would accept what compose refuses (a misspelt key), compose's reading decides.
     */
    @Test
    void composeDecidesWhereTheResolverWouldAccept() throws Exception {
        ComposeFixturesTest.requireCompose();
        Path compose = Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    imagee: nginx\n");
        ComposeProject project = new ComposeProject(List.of(compose), dir, List.of(), List.of(), Map.of());
        assertThat(ComposeModels.load(project, ComposeModels.Source.RESOLVER).services()).containsKey("api");
        assertThatThrownBy(() -> ComposeModels.load(project, ComposeModels.Source.COMPOSE_CLI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("docker compose refuses " + compose)
                .hasMessageContaining("Additional property imagee is not allowed");
    }

    /** Positions come from the resolver's reading; where it refuses, from the files as written, and compose's model is read. */
    @Test
    void composeDecidesWhereTheResolverWouldRefuse() throws Exception {
        ComposeFixturesTest.requireCompose();
        // a quoted value spanning two lines: compose reads it, the resolver's env file reader does not
        Files.writeString(dir.resolve(".env"), "SC_MULTI=\"first\nsecond\"\n");
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: nginx
                    container_name: fixed
                """);
        ComposeProject project = new ComposeProject(List.of(compose), dir, List.of(), List.of(), Map.of());
        assertThatThrownBy(() -> ComposeModels.load(project, ComposeModels.Source.RESOLVER))
                .hasMessageContaining("spanning lines");
        ComposeFile model = ComposeModels.load(project, ComposeModels.Source.COMPOSE_CLI);
        assertThat(model.source()).isEqualTo("docker compose config");
        List<Finding> findings = Linter.standard().lint(model, new LintTarget("api", null, null, null));
        assertThat(findings).extracting(f -> f.rule() + "@" + f.file().getFileName() + ":" + f.line())
                .contains("container-name@compose.yaml:4");
    }
}
