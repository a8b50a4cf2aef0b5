package dev.scalecheck.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The spec reader's contract on any text: it returns a spec or throws {@link SpecException} with
 * one line that starts with the source, never another exception and never a hang. Inputs are
 * arbitrary text, YAML built from the spec's own keys and awkward values, and the repository's real
 * specs with random edits. Tries and sizes are bounded so the properties run in seconds.
 */
class SpecReaderProperties {
    private static final List<String> SPECS = List.of("../examples/compose/scalecheck.yml",
            "../examples/compose-postgres/scalecheck.yml", "../test-services/flyway-service/scalecheck.yml",
            "../test-services/liquibase-service/scalecheck.yml");
    private static final List<String> KEYS = List.of("orchestrator", "replicas", "service", "local", "command", "environment",
            "directory", "compose", "files", "project", "database", "balancer", "loadBalancer", "health", "path", "port", "timeout",
            "startPeriod", "name", "kind", "tool", "lockName", "migrationTable", "markers", "preset", "ready", "probes", "headers",
            "auth", "env", "file", "writes", "dataDir", "state", "create", "read", "idField", "checks", "parallel-startup",
            "maxSpread", "lb-reaches-all", "requests", "replicaHeader", "startup-budget", "maxFraction", "connection-headroom",
            "poolSize", "margin", "enabled", "cross-replica-state", "reads", "unknown");
    private static final List<String> VALUES = List.of("4", "0", "-1", "2.5", "1e10", "99999999999", "0x10", ".nan", ".inf", "0s",
            "5s", "120s", "500ms", "1000h", "soon", "0.5", "7", "true", "no", "null", "~", "''", "\"\"", "/health", "/a b",
            "../../x", "app; DROP", "[4", "[1, 2]", "{a: 1}", "{", "}", "&a x", "*a", "!!binary aGk=", "!!int x", "\"\\u0000\"",
            "|\n  text", ">", "\"${DB_PASSWORD}\"", "'([' ", "demo", "flyway", "compose", "local", "mariadb", "postgres", "é", "\t");
    private static final List<String> EDITS = List.of("[", "]", "{", "}", ":", ": ", "- ", "\n", "\n  ", "\t", "\"", "'", "&a ",
            "*a", "!!", "? ", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "<<: *a\n", "\u0000", "\uFEFF", "0", "2.5");

    private final SpecReader reader = new SpecReader();

    @Property(tries = 300)
    void anyTextIsASpecOrOneLineRefusal(@ForAll @StringLength(max = 300) String text) {
        readsOrRefusesOnOneLine(text);
    }

    @Property(tries = 400)
    void yamlOfTheSpecsKeysIsASpecOrOneLineRefusal(@ForAll("specLikeYaml") String text) {
        readsOrRefusesOnOneLine(text);
    }

    @Property(tries = 400)
    void editedRealSpecsAreSpecsOrOneLineRefusals(@ForAll("editedSpecs") String text) {
        readsOrRefusesOnOneLine(text);
    }

    @Property(tries = 200)
    void aDurationIsReadOrRefusedAsIllegalArgument(@ForAll @StringLength(max = 40) String text) {
        try {
            assertThat(DurationText.parse(text)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("is not a duration");
        }
    }

    private void readsOrRefusesOnOneLine(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                assertThat(reader.parse(text, "p.yml")).isNotNull();
            } catch (SpecException e) {
                assertThat(e.getMessage()).as(text).startsWith("p.yml").doesNotContain("\n", "\r")
                        .doesNotContain("Cannot invoke", "java.lang.", "Exception");
            }
        }, () -> "no answer within 5 s for:\n" + text);
    }

    @Provide
    Arbitrary<String> specLikeYaml() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(KEYS),
                Arbitraries.of(VALUES).injectNull(0.3), Arbitraries.of("", "- ", "? "))
                .as((indent, key, value, lead) -> "  ".repeat(indent) + lead + key + ":" + (value == null ? "" : " " + value));
        return line.list().ofMaxSize(12).map(lines -> String.join("\n", lines) + "\n");
    }

    @Provide
    Arbitrary<String> editedSpecs() {
        Arbitrary<String> spec = Arbitraries.of(SPECS).map(SpecReaderProperties::read);
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 12),
                Arbitraries.of(EDITS)).as(Edit::new);
        return Combinators.combine(spec, edit.list().ofMinSize(1).ofMaxSize(4)).as((text, edits) -> {
            String edited = text;
            for (Edit e : edits) {
                edited = e.apply(edited);
            }
            return edited;
        });
    }

    /** Deletes {@code cut} characters at a relative position and inserts {@code insert} there. */
    record Edit(double at, int cut, String insert) {
        String apply(String text) {
            int start = (int) Math.min(text.length(), Math.round(at * text.length()));
            int end = Math.min(text.length(), start + cut);
            return text.substring(0, start) + insert + text.substring(end);
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
