package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under {@code src/test/resources/lint-fixtures/} (small compose projects written
 * for these tests, one feature or rule each) read through both models, compose's own
 * ({@code docker compose config}) and scalecheck's resolver, with the same expected findings:
 * file, line and rule. A fixture's {@code expected} file says what to pass and what to find:
 * <pre>
 * files: compose.yaml override.yaml     (default compose.yaml)
 * profiles: dev
 * env: NAME=value                       (one a line)
 * service: api / database: db / balancer: lb / dataDir: /data   (else found by Roles)
 * roles: service=web database=postgres balancer=proxy
 * refused                               (compose refuses the files; so must the resolver)
 * compose.yaml:12 container-name        (the findings, all of them)
 * </pre>
 */
class ComposeFixturesTest {

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(ComposeFixturesTest.class.getResource("/lint-fixtures").toURI());
        List<Arguments> arguments = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                for (ComposeModels.Source source : ComposeModels.both()) {
                    arguments.add(Arguments.of(dir.getFileName().toString(), source, dir));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("fixtures")
    void findsWhatTheFixtureExpects(String name, ComposeModels.Source source, Path dir) throws IOException {
        if (source == ComposeModels.Source.COMPOSE_CLI) {
            requireCompose();
        }
        Expected expected = Expected.read(dir.resolve("expected"));
        ComposeProject project = new ComposeProject(expected.files.stream().map(dir::resolve).toList(), dir, expected.profiles,
                List.of(), expected.env);
        if (expected.refused) {
            assertThatThrownBy(() -> ComposeModels.load(project, source)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageStartingWith(source == ComposeModels.Source.COMPOSE_CLI ? "docker compose refuses " : "");
            return;
        }
        ComposeFile model = ComposeModels.load(project, source);
        Roles roles = Roles.find(model, expected.options.get("service"), expected.options.get("database"),
                expected.options.get("balancer"));
        if (expected.roles != null) {
            assertThat("service=" + roles.service().orElse("?") + " database=" + roles.database().orElse("?") + " balancer="
                    + roles.balancer().orElse("?")).as("roles").isEqualTo(expected.roles);
        }
        String service = roles.service().orElseThrow(() -> new AssertionError("no scaled service found; candidates "
                + roles.candidates()));
        List<Finding> findings = Linter.standard().lint(model, new LintTarget(service, roles.database().orElse(null),
                roles.balancer().orElse(null), null, expected.options.get("dataDir")));
        assertThat(findings).extracting(f -> dir.relativize(f.file()) + ":" + f.line() + " " + f.rule())
                .containsExactlyElementsOf(expected.findings);
    }

    static void requireCompose() {
        if (!ComposeModels.composeAvailable()) {
            String reason = "no docker compose CLI here (scripts/docker-offline.sh install puts it in place)";
            if ("1".equals(System.getenv("SCALECHECK_REQUIRE_DOCKER"))) {
                fail(reason + " (SCALECHECK_REQUIRE_DOCKER=1)");
            }
            Assumptions.abort(reason);
        }
    }

    private static final class Expected {
        List<String> files = List.of("compose.yaml");
        List<String> profiles = List.of();
        Map<String, String> env = new HashMap<>();
        Map<String, String> options = new HashMap<>();
        String roles;
        boolean refused;
        List<String> findings = new ArrayList<>();

        static Expected read(Path file) throws IOException {
            Expected expected = new Expected();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.equals("refused")) {
                    expected.refused = true;
                } else if (line.startsWith("files:")) {
                    expected.files = List.of(line.substring(6).strip().split("\\s+"));
                } else if (line.startsWith("profiles:")) {
                    expected.profiles = List.of(line.substring(9).strip().split("\\s+"));
                } else if (line.startsWith("env:")) {
                    String[] pair = line.substring(4).strip().split("=", 2);
                    expected.env.put(pair[0], pair[1]);
                } else if (line.startsWith("roles:")) {
                    expected.roles = line.substring(6).strip();
                } else if (line.matches("(service|database|balancer|dataDir):.*")) {
                    String[] pair = line.split(":", 2);
                    expected.options.put(pair[0], pair[1].strip());
                } else {
                    expected.findings.add(line);
                }
            }
            return expected;
        }
    }
}
