package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceEnvironmentTest {
    @TempDir
    Path dir;

    private ServiceEnvironment environment(String compose, Map<String, String> variables) {
        ComposeFile file = ComposeFile.parse(dir.resolve("compose.yaml"), compose);
        return ServiceEnvironment.of(file, file.service("db").orElseThrow(), ComposeInterpolation.forProject(dir, variables));
    }

    @Test
    void environmentOverridesEnvFilesAndLaterEnvFilesOverrideEarlierOnes() throws Exception {
        Files.writeString(dir.resolve("common.env"), "POSTGRES_DB=common\nPOSTGRES_USER=common\nTZ=UTC\n");
        Files.writeString(dir.resolve("db.env"), "POSTGRES_USER=db\nPOSTGRES_PASSWORD=${DB_PASSWORD:-secret}\n");
        ServiceEnvironment environment = environment("""
                services:
                  db:
                    image: postgres:16
                    env_file: [common.env, { path: db.env, required: true }, { path: local.env, required: false }]
                    environment:
                      POSTGRES_DB: ${POSTGRES_DB:-orders}
                """, Map.of());
        assertThat(environment.get("POSTGRES_DB")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("orders"));
        assertThat(environment.get("POSTGRES_USER")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("db"));
        assertThat(environment.get("POSTGRES_PASSWORD")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("secret"));
        assertThat(environment.get("TZ")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("UTC"));
        assertThat(environment.get("PGDATA")).isEmpty();
    }

    @Test
    void aListOfKeyValueStringsAndBareKeysTakenFromTheVariables() {
        ServiceEnvironment environment = environment("""
                services:
                  db:
                    image: postgres:16
                    environment:
                      - POSTGRES_DB=shop_${STAGE:-dev}
                      - POSTGRES_USER
                      - POSTGRES_PASSWORD
                      - PGDATA=/data/$${NOT_COMPOSE}
                """, Map.of("POSTGRES_USER", "shell-user"));
        assertThat(environment.get("POSTGRES_DB")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("shop_dev"));
        assertThat(environment.get("POSTGRES_USER")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("shell-user"));
        assertThat(environment.get("POSTGRES_PASSWORD")).isEmpty();
        assertThat(environment.get("PGDATA")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("/data/${NOT_COMPOSE}"));
    }

    @Test
    void aMappingKeyWithoutAValueTakesTheVariableAndAnEmptyStringStaysEmpty() {
        ServiceEnvironment environment = environment("""
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER:
                      POSTGRES_PASSWORD:
                      POSTGRES_DB: ""
                """, Map.of("POSTGRES_USER", "shell-user"));
        assertThat(environment.get("POSTGRES_USER")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("shell-user"));
        assertThat(environment.get("POSTGRES_PASSWORD")).isEmpty();
        assertThat(environment.get("POSTGRES_DB")).hasValueSatisfying(v -> assertThat(v.known()).hasValue(""));
    }

    @Test
    void aMissingEnvFileMakesEveryUnsetVariableUnknown() {
        ServiceEnvironment environment = environment("""
                services:
                  db:
                    image: postgres:16
                    env_file: db.env
                    environment:
                      POSTGRES_USER: app
                """, Map.of());
        assertThat(environment.get("POSTGRES_USER")).hasValueSatisfying(v -> assertThat(v.known()).hasValue("app"));
        assertThat(environment.get("POSTGRES_DB")).hasValueSatisfying(v -> assertThat(v.problems())
                .containsExactly("POSTGRES_DB may be set by env_file 'db.env', which does not exist"));
    }
}
