package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.DatabaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshStateCheckTest {
    private final Check check = new FreshStateCheck();

    @Test
    void failsWhenTheMigrationTableExistedBeforeTheReplicas() {
        DatabaseState stale = Fixtures.db().tablesBefore(List.of("flyway_schema_history", "items")).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), stale));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("flyway_schema_history already existed before the replicas started");
        assertThat(result.details()).containsExactly("tables before the replicas: flyway_schema_history, items");
    }

    @Test
    void passesWhenOnlyOtherTablesExisted() {
        DatabaseState other = Fixtures.db().tablesBefore(List.of("items")).build();
        assertThat(check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), other)).summary())
                .isEqualTo("schema 'app' had no migration table (1 other table) before the replicas started");
    }
}
