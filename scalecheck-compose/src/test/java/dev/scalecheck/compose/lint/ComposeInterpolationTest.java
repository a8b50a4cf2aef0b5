package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property
    void textEscapedWithDoubleDollarsComesBackUnchanged(@ForAll("composeText") String text) {
        ComposeInterpolation.Result result = VARIABLES.interpolate(text.replace("$", "$$"));
        assertThat(result.value()).isEqualTo(text);
        assertThat(result.problems()).isEmpty();
    }

    @Property
    void aValueIsInsertedAsItIsAndNeverInterpolatedAgain(@ForAll("composeText") String value) {
        ComposeInterpolation variables = ComposeInterpolation.of(Map.of("V", value), Map.of());
        Map<String, String> forms = Map.of("${V}", value, "$V", value, "${V-x}", value, "${V?x}", value, "x${V}y", "x" + value + "y");
        forms.forEach((form, expected) -> {
            ComposeInterpolation.Result result = variables.interpolate(form);
            assertThat(result.value()).as(form).isEqualTo(expected);
            assertThat(result.problems()).as(form).isEmpty();
        });
        if (!value.isEmpty()) {
            assertThat(variables.interpolate("${V:-x}").value()).isEqualTo(value);
        }
    }

    @Property
    void anUnsetVariableTakesItsDefault(@ForAll("defaultText") String fallback) {
        assertThat(VARIABLES.interpolate("${UNSET:-" + fallback + "}").known()).hasValue(fallback);
        assertThat(VARIABLES.interpolate("${UNSET-" + fallback + "}").known()).hasValue(fallback);
        assertThat(VARIABLES.interpolate("${EMPTY:-" + fallback + "}").known()).hasValue(fallback);
    }

    /** Text made of the characters interpolation cares about, and some it does not. */
    @Provide
    Arbitrary<String> composeText() {
        return Arbitraries.strings().withChars("ab_Z09${}:-?+ =\"'/.").ofMaxLength(20);
    }

    /** A default holding no '$' nor '}': what compose takes literally inside ${VAR:-...}. */
    @Provide
    Arbitrary<String> defaultText() {
        return Arbitraries.strings().withChars("ab_Z09{:-?+ =\"'/.").ofMaxLength(20);
    }
}
