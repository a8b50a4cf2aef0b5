package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeInterpolationTest {
    private static final ComposeInterpolation VARIABLES = ComposeInterpolation.of(Map.of("SET", "value", "EMPTY", ""), Map.of());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "${SET}|value",
        "$SET|value",
        "$SET.sql|value.sql",
        "pre-${SET}-post|pre-value-post",
        "${SET:-default}|value",
        "${EMPTY:-default}|default",
        "${UNSET:-default}|default",
        "${SET-default}|value",
        "${EMPTY-default}|''",
        "${UNSET-default}|default",
        "${UNSET:-}|''",
        "${SET:?must be set}|value",
        "${EMPTY?may be empty}|''",
        "${SET:+other}|other",
        "${EMPTY:+other}|''",
        "${EMPTY+other}|other",
        "${UNSET+other}|''",
        "${UNSET:-${SET}}|value",
        "${UNSET:-${ALSO_UNSET:-deep}}|deep",
        "${UNSET:-a:b-c}|a:b-c",
        "$$|$",
        "$${SET}|${SET}",
        "$$SET|$SET",
        "pg_isready -U $${POSTGRES_USER:-postgres}|pg_isready -U ${POSTGRES_USER:-postgres}",
        "${UNSET:-$$literal}|$literal",
        "no variables at all|no variables at all",
    })
    void interpolatesAsComposeDoes(String text, String expected) {
        ComposeInterpolation.Result result = VARIABLES.interpolate(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void anUnsetVariableIsBlankAsComposeMakesItButNotKnown() {
        ComposeInterpolation.Result result = VARIABLES.interpolate("db_${UNSET}");
        assertThat(result.value()).isEqualTo("db_");
        assertThat(result.known()).isEmpty();
        assertThat(result.problems()).containsExactly("UNSET is not set (neither in the environment nor in .env)");
    }

    @Test
    void aMissingRequiredVariableSaysWhatComposeWouldSay() {
        assertThat(VARIABLES.interpolate("${UNSET:?set UNSET in .env}").problems())
                .containsExactly("required variable UNSET is missing a value: set UNSET in .env");
        assertThat(VARIABLES.interpolate("${EMPTY:?no empty ${SET}}").problems())
                .containsExactly("required variable EMPTY is missing a value: no empty value");
        assertThat(VARIABLES.interpolate("${UNSET?err}").known()).isEmpty();
    }

    @Test
    void whatComposeRejectsIsAProblemNamingTheText() {
        assertThat(VARIABLES.interpolate("costs $5").problems()).singleElement().asString()
                .isEqualTo("'$' in 'costs $5' starts no variable; write $$ for a literal $");
        assertThat(VARIABLES.interpolate("${SET").problems()).containsExactly("'${SET' has no closing '}'");
        assertThat(VARIABLES.interpolate("${SET/a/b}").problems()).containsExactly(
                "'${SET/a/b}' is not an interpolation compose supports");
        assertThat(VARIABLES.interpolate("${}").problems()).containsExactly("'${}' is not a variable");
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFile() {
        ComposeInterpolation variables = ComposeInterpolation.of(Map.of("A", "from-environment"), Map.of("A", "from-dotenv", "B", "b"));
        assertThat(variables.interpolate("${A}/${B}").value()).isEqualTo("from-environment/b");
    }

    @Test
    void readsTheDotEnvFileOfTheProjectDirectory(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve(".env"), "POSTGRES_DB=orders\nPROXY_PORT=8088\n");
        ComposeInterpolation variables = ComposeInterpolation.forProject(project, Map.of("PROXY_PORT", "9000"));
        assertThat(variables.interpolate("${POSTGRES_DB:-example} ${PROXY_PORT:-8080}").value()).isEqualTo("orders 9000");
        assertThat(ComposeInterpolation.forProject(project.resolve("none"), Map.of()).variable("POSTGRES_DB")).isEmpty();
    }

    /** Property: any text escaped with $$ comes back unchanged, and a value is inserted as it is, never interpolated again. */
    @Test
    void escapedTextAndInsertedValuesComeBackVerbatim() {
        Random random = new Random(20261129);
        String alphabet = "ab_Z09$${}:-?+ =\"'/.";
        for (int run = 0; run < 2000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = text.toString();
            ComposeInterpolation.Result escaped = VARIABLES.interpolate(raw.replace("$", "$$"));
            assertThat(escaped.value()).as("escaped %s", raw).isEqualTo(raw);
            assertThat(escaped.problems()).as("escaped %s", raw).isEmpty();

            ComposeInterpolation withValue = ComposeInterpolation.of(Map.of("V", raw), Map.of());
            Map<String, String> forms = Map.of("${V}", raw, "$V", raw, "${V-x}", raw, "${V?x}", raw, "x${V}y", "x" + raw + "y");
            forms.forEach((form, expected) ->
                    assertThat(withValue.interpolate(form).value()).as("%s with V=%s", form, raw).isEqualTo(expected));
            if (!raw.isEmpty()) {
                assertThat(withValue.interpolate("${V:-x}").value()).as("${V:-x} with V=%s", raw).isEqualTo(raw);
            }
        }
    }
}
