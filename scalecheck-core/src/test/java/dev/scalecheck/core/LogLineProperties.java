package dev.scalecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.scalecheck.core.spec.Markers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Replica log lines are whatever a service prints: stripping ANSI codes and matching every
 * preset's markers answer on any line, quickly, without an exception; a spec's own markers compile
 * or are refused with one line.
 */
class LogLineProperties {

    @Property(tries = 300)
    void everyPresetMarkerAnswersOnAnyLine(@ForAll("logText") String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            String plain = new LogLine(Instant.EPOCH, "api-1", LogLine.Stream.STDOUT, text).plain().text();
            assertThat(plain.length()).isLessThanOrEqualTo(text.length());
            for (String preset : Markers.presets()) {
                Markers markers = Markers.preset(preset);
                for (Markers.Kind kind : Markers.Kind.values()) {
                    boolean matches = markers.matches(kind, plain);
                    if (markers.group(kind, plain).isPresent()) {
                        assertThat(matches).isTrue();
                    }
                }
            }
        });
    }

    @Property(tries = 200)
    void aSpecsOwnMarkersCompileOrAreRefusedOnOneLine(@ForAll("markerKey") String key, @ForAll @StringLength(max = 30) String regex) {
        try {
            Markers markers = Markers.custom(Map.of(key, regex));
            assertThat(markers.description()).isNotBlank();
        } catch (IllegalArgumentException e) {
            assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
        }
    }

    @Provide
    Arbitrary<String> logText() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("\u001b[", "\u001b[0m", "\u001b[1;31m", "\u001b]0;title\u0007", "\u001b", "\u001b[2K", "FATAL: ",
                        "Successfully applied ", "Migrations complete (", "Migrating schema `app` to version \"", "ChangeSet ",
                        " ran successfully", "Ready on port", "9999999999999999999", "\r", "\t"));
        return piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> markerKey() {
        return Arbitraries.oneOf(Arbitraries.of(Markers.Kind.values()).map(Markers.Kind::key),
                Arbitraries.of("preset", "unknown", ""));
    }
}
