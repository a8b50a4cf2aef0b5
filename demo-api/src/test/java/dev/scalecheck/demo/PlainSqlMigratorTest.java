package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainSqlMigratorTest {
    @Test
    void splitsAScriptOnSemicolonsThatEndALineAndDropsComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE t (
                  a INT
                );

                INSERT INTO t (a)
                SELECT seq FROM seq_1_to_3;
                """;
        assertThat(PlainSqlMigrator.statements(script)).containsExactly(
                "CREATE TABLE t (\n  a INT\n)",
                "INSERT INTO t (a)\nSELECT seq FROM seq_1_to_3");
    }

    @Test
    void keepsATrailingStatementWithoutSemicolon() {
        assertThat(PlainSqlMigrator.statements("CREATE INDEX i ON t (a)")).containsExactly("CREATE INDEX i ON t (a)");
    }
}
