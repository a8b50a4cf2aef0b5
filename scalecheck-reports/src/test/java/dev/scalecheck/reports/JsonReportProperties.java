package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code scalecheck report} reads files people hand it: on any content, a saved report is read
 * back, or refused with an {@link IllegalArgumentException} of one line; never another exception.
 * Inputs are the golden report with random edits.
 */
class JsonReportProperties {
    private static Path dir;
    private static String golden;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("scalecheck-json-properties-");
        golden = Files.readString(Path.of("src/test/resources/golden/serial-lock.json"));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 200)
    void anEditedReportIsReadOrRefusedOnOneLine(@ForAll("editedReports") String text) {
        Path file = write(text);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                assertThat(JsonReport.read(file)).isNotNull();
            } catch (IllegalArgumentException e) {
                assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
                assertThat(e.getMessage()).as(text).startsWith(file.toString()).doesNotContain("\n", "\r")
                        .doesNotContain("Cannot invoke", "java.lang.");
            }
        });
    }

    @Provide
    Arbitrary<String> editedReports() {
        Arbitrary<String> insert = Arbitraries.of("", "{", "}", "[", "]", "\"", ",", ":", "null", "-1", "1e999", "\"x\"", "true",
                "\"PT-1S\"", "\"2026-99-99T00:00:00Z\"", "\"BOGUS\"", "\u0000", "\"unknown\": 1,");
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 40), insert)
                .as((at, cut, text) -> {
                    int start = (int) Math.round(at * golden.length());
                    return golden.substring(0, start) + text + golden.substring(Math.min(golden.length(), start + cut));
                });
    }

    private static Path write(String text) {
        try {
            return Files.writeString(Files.createTempFile(dir, "report-", ".json"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
