package dev.scalecheck.core.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowTest {

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "t,true", "f,false", "true,true", "FALSE,false", "YES,true", "no,false"})
    void readsEachDatabasesBooleans(String text, boolean expected) {
        assertThat(Row.of(Map.of("Success", text)).flag("success", false)).isEqualTo(expected);
    }

    @Test
    void sqlNullIsNullOrTheGivenDefault() {
        Map<String, String> text = new HashMap<>();
        text.put("n", null);
        Row row = Row.of(text);
        assertThat(row.text("N")).isNull();
        assertThat(row.number("n")).isNull();
        assertThat(row.flag("n", true)).isTrue();
    }

    @Test
    void aMissingColumnOrANonBooleanIsAnErrorThatSaysWhat() {
        Row row = Row.of(Map.of("s", "maybe"));
        assertThatThrownBy(() -> row.text("x")).hasMessage("no column 'x' in the answer; it has [s]");
        assertThatThrownBy(() -> row.flag("s", true)).hasMessage("column 's' holds 'maybe', not a boolean");
    }
}
