package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSyntaxComposeAccepts() throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), """
                # a comment

                PLAIN=orders
                export EXPORTED=yes
                SPACED = around  # an inline comment
                HASH=a#b
                SINGLE='${PLAIN} stays # as written'
                DOUBLE="line\\nnext ${PLAIN} \\$literal"
                EARLIER=${PLAIN}_test
                FROM_ENVIRONMENT=${HOME_DIR:-/nowhere}
                YAML_STYLE: colon
                INHERITED
                MISSING_INHERITED
                EMPTY=
                """);
        Map<String, String> values = EnvFile.read(file, name -> Optional.ofNullable(Map.of("HOME_DIR", "/home/app",
                "INHERITED", "from-shell").get(name)));
        assertThat(values).containsExactly(Map.entry("PLAIN", "orders"), Map.entry("EXPORTED", "yes"), Map.entry("SPACED", "around"),
                Map.entry("HASH", "a#b"), Map.entry("SINGLE", "${PLAIN} stays # as written"),
                Map.entry("DOUBLE", "line\nnext orders $literal"), Map.entry("EARLIER", "orders_test"),
                Map.entry("FROM_ENVIRONMENT", "/home/app"), Map.entry("YAML_STYLE", "colon"), Map.entry("INHERITED", "from-shell"),
                Map.entry("EMPTY", ""));
    }

    @Test
    void aLineComposeWouldRejectIsBadInputNamingFileAndLine() throws Exception {
        Path unterminated = Files.writeString(dir.resolve("a.env"), "OK=1\nBROKEN=\"no end\n");
        assertThatThrownBy(() -> EnvFile.read(unterminated, name -> Optional.empty()))
                .hasMessage(unterminated + " line 2: the value \"no end has no closing \" (a value spanning lines is not read)");
        Path spaced = Files.writeString(dir.resolve("b.env"), "MY KEY=1\n");
        assertThatThrownBy(() -> EnvFile.read(spaced, name -> Optional.empty()))
                .hasMessage(spaced + " line 1: 'MY KEY' is not a variable name; expected KEY=value");
    }
}
