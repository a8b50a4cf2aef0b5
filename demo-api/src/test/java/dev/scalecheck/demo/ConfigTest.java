package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("DB_URL", "jdbc:mariadb://127.0.0.1:3306/app", "DB_USER", "app"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        Config config = Config.fromEnvironment(env("HOSTNAME", "c0ffee"));
        assertThat(config.port()).isEqualTo(7777);
        assertThat(config.poolSize()).isEqualTo(5);
        assertThat(config.replicaId()).isEqualTo("c0ffee");
        assertThat(config.faults()).isEmpty();
        assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.migrationDelay()).isZero();
    }

    @Test
    void readsTheScenarioSwitches() {
        Config config = Config.fromEnvironment(env("HOSTNAME", "c0ffee", "REPLICA_ID", "api-3",
                "DEMO_FAULT", "no-drain,stale-lock,no-reconnect", "DEMO_DRAIN_TIMEOUT", "2", "DEMO_MIGRATION_DELAY", "30"));
        assertThat(config.faults()).containsExactlyInAnyOrder(Fault.NO_DRAIN, Fault.STALE_LOCK, Fault.NO_RECONNECT);
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.migrationDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.lockOwner()).isEqualTo("api-3 (c0ffee, pid " + ProcessHandle.current().pid() + ")");
    }

    @Test
    void readsThePasswordFromAFileAndNeverPrintsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Config config = Config.fromEnvironment(env("DB_PASSWORD_FILE", file.toString()));
        assertThat(config.dbPassword().value()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void faultsApplyOnlyToTheReplicaNamedByDemoFaultReplica() {
        assertThat(Config.fromEnvironment(env("REPLICA_ID", "api-2", "DEMO_FAULT", "readonly-data",
                "DEMO_FAULT_REPLICA", "2")).faults()).containsExactly(Fault.READONLY_DATA);
        assertThat(Config.fromEnvironment(env("REPLICA_ID", "api-12", "DEMO_FAULT", "readonly-data",
                "DEMO_FAULT_REPLICA", "2")).faults()).isEmpty();
        assertThat(Config.fromEnvironment(env("REPLICA_ID", "api-1", "DEMO_FAULT", "readonly-data",
                "DEMO_FAULT_REPLICA", "api-1")).faults()).containsExactly(Fault.READONLY_DATA);
    }

    @Test
    void bigPoolFaultOverridesThePoolSize() {
        assertThat(Config.fromEnvironment(env("DB_POOL_SIZE", "3", "DEMO_FAULT", "big-pool")).poolSize()).isEqualTo(200);
    }

    @Test
    void namesTheVariableAndTheExpectationWhenAValueIsBad() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("PORT", "http")))
                .hasMessage("PORT is 'http'; expected a whole number from 0 to 65535");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DB_USER", "app")))
                .hasMessageStartingWith("DB_URL is not set; expected a JDBC URL");
        assertThatThrownBy(() -> Config.fromEnvironment(env("DEMO_FAULT", "no-lock, slow")))
                .hasMessageContaining("unknown fault 'slow'").hasMessageContaining("no-lock, keep-lock, serial-lock");
    }

    @Test
    void theDatabaseKindComesFromDbKindOrTheUrl() {
        assertThat(Config.fromEnvironment(env()).dbKind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(Config.fromEnvironment(env("DB_URL", "jdbc:mysql://db:3306/app")).dbKind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(Config.fromEnvironment(env("DB_URL", "jdbc:postgresql://db:5432/app")).dbKind()).isEqualTo(DatabaseKind.POSTGRES);
        assertThat(Config.fromEnvironment(env("DB_URL", "jdbc:pgsql://db/app", "DB_KIND", "Postgres")).dbKind())
                .isEqualTo(DatabaseKind.POSTGRES);
        assertThatThrownBy(() -> Config.fromEnvironment(env("DB_URL", "jdbc:h2:mem:app;PASSWORD=secret")))
                .hasMessage("DB_URL starts with 'jdbc:h2:', a database demo-api does not know; expected jdbc:mariadb:, "
                        + "jdbc:mysql: or jdbc:postgresql:, or set DB_KIND");
        assertThatThrownBy(() -> Config.fromEnvironment(env("DB_KIND", "oracle")))
                .hasMessage("DB_KIND is 'oracle'; expected mariadb, mysql or postgres");
    }
}
