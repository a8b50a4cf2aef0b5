package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
 * What docker compose and the tools run through it print is parsed without trusting it: on any
 * output each parser answers, or refuses with an {@link IllegalArgumentException} whose message is
 * one line; never another exception, never a hang. Inputs are arbitrary text and lines shaped like
 * the real ones (fixtures under src/test/resources) with awkward parts.
 */
class ComposeOutputProperties {
    private static final List<String> NAMES = List.of("api-1", "scalecheck-api-2", "db", "x", "api-99999999999", "api_3", "-", "");
    private static final List<String> STAMPS = List.of("2026-11-27T18:54:23.894126023Z", "2026-13-45T99:99:99Z", "Z", "notZ",
            "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z");
    private static final List<String> JSON_LINES = List.of("{}", "[]", "[", "{\"Name\":\"api-1\"}", "{\"Name\":\"api-99999999999\"}",
            "{\"Labels\":\"com.docker.compose.container-number=99999999999\"}", "{\"Labels\":\"com.docker.compose.container-number=2\"}",
            "null", "1", "\"text\"", "{\"ExitCode\":\"x\"}", "{\"Log\":[{\"Output\":null}]}");

    @Property(tries = 300)
    void logsAnswerAnyText(@ForAll @StringLength(max = 300) String output) {
        answersOrRefusesOnOneLine(() -> assertThat(ComposeOutput.logs(output)).isNotNull());
    }

    @Property(tries = 300)
    void logsAnswerLinesShapedLikeComposeLogs(@ForAll("logLines") List<String> lines) {
        answersOrRefusesOnOneLine(() -> assertThat(ComposeOutput.logs(String.join("\n", lines))).hasSizeLessThanOrEqualTo(lines.size()));
    }

    @Property(tries = 300)
    void containersAnswerOrRefuseAnyText(@ForAll @StringLength(max = 200) String output) {
        answersOrRefusesOnOneLine(() -> ComposeOutput.containers(output));
    }

    @Property(tries = 300)
    void containersAnswerOrRefuseJsonShapedLines(@ForAll("jsonLines") List<String> lines) {
        answersOrRefusesOnOneLine(() -> ComposeOutput.containers(String.join("\n", lines)));
    }

    @Property(tries = 200)
    void curlHealthcheckAndRowsAnswerAnyText(@ForAll @StringLength(max = 200) String output) {
        answersOrRefusesOnOneLine(() -> {
            assertThat(ComposeOutput.curl(output)).isNotNull();
            assertThat(ComposeOutput.lastHealthcheck(output)).isNotNull();
            assertThat(ComposeOutput.rows(output)).isNotNull();
            assertThat(ComposeOutput.psqlRows(output)).isNotNull();
        });
    }

    @Property(tries = 200)
    void healthcheckAnswersJsonShapedText(@ForAll("jsonLines") List<String> lines) {
        answersOrRefusesOnOneLine(() -> assertThat(ComposeOutput.lastHealthcheck(String.join("", lines))).isNotNull());
    }

    private static void answersOrRefusesOnOneLine(Runnable parse) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                parse.run();
            } catch (IllegalArgumentException e) {
                assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
                assertThat(e.getMessage()).doesNotContain("\n", "\r");
            }
        });
    }

    @Provide
    Arbitrary<List<String>> logLines() {
        return Combinators.combine(Arbitraries.of("", "\u001b[2K"), Arbitraries.of(NAMES), Arbitraries.of("  | ", " | ", "|", "| "),
                Arbitraries.of(STAMPS), Arbitraries.strings().ofMaxLength(40))
                .as((clear, name, bar, stamp, text) -> clear + name + bar + stamp + " " + text).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> jsonLines() {
        return Arbitraries.of(JSON_LINES).list().ofMinSize(1).ofMaxSize(5);
    }
}
