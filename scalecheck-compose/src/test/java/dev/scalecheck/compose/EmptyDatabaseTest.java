package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements that replace a database with an empty one; {@code ComposeOperationsIT} runs them on real servers. */
class EmptyDatabaseTest {

    @Test
    void mariadbKeepsTheCharacterSetAndLooksForGrantsAsNamedAndWithUnderscoresEscaped() {
        assertThat(EmptyDatabase.mariadbRecreate("shop_db", Map.of("cs", "utf8mb4", "co", "utf8mb4_general_ci")))
                .isEqualTo("DROP DATABASE IF EXISTS `shop_db`;\nCREATE DATABASE `shop_db` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;\n");
        assertThat(EmptyDatabase.mariadbRecreate("app", Map.of())).isEqualTo("DROP DATABASE IF EXISTS `app`;\nCREATE DATABASE `app`;\n");
        assertThat(EmptyDatabase.mariadbRecreate("app", Map.of("cs", "utf8mb4; DROP", "co", "x")))
                .as("a character set that is not a plain name is left out").isEqualTo("DROP DATABASE IF EXISTS `app`;\nCREATE DATABASE `app`;\n");
        assertThat(EmptyDatabase.mariadbGrantees("shop_db"))
                .isEqualTo("SELECT User AS user, Host AS host FROM mysql.db WHERE Db IN ('shop_db', 'shop\\\\_db') ORDER BY User, Host");
    }

    @Test
    void mariadbGrantsAgainWithAccountNamesAsQuotedLiterals() {
        assertThat(EmptyDatabase.mariadbGrants("app", List.of(Map.of("user", "app", "host", "%"), Map.of("user", "o'b\\", "host", "10.%"))))
                .isEqualTo("GRANT ALL PRIVILEGES ON `app`.* TO 'app'@'%';\nGRANT ALL PRIVILEGES ON `app`.* TO 'o''b\\\\'@'10.%';\n");
    }

    @Test
    void postgresDropsWithForceAndCreatesForTheOldOwnerQuoted() {
        assertThat(EmptyDatabase.postgresOwner("app")).isEqualTo("SELECT COALESCE((SELECT pg_get_userbyid(datdba) FROM pg_database "
                + "WHERE datname = 'app'), current_user) AS owner");
        assertThat(EmptyDatabase.postgresRecreate("app", "App \"Owner\""))
                .isEqualTo("DROP DATABASE IF EXISTS \"app\" WITH (FORCE);\nCREATE DATABASE \"app\" OWNER \"App \"\"Owner\"\"\";\n");
    }
}
