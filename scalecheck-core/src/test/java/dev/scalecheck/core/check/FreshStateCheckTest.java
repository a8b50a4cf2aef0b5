package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.DatabaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshStateCheckTest {
    private final Check check = new FreshStateCheck();

    @Test
    void failsWhenTheMigrationTableExistedBeforeTheReplicas() {
        DatabaseState stale = new DatabaseState(List.of("flyway_schema_history", "items"), "flyway_schema_history",
                Fixtures.database().history(), "demo_migration", null, 151, 21, null);
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), stale));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("flyway_schema_history already existed before the replicas started");
        assertThat(result.details()).containsExactly("tables before the replicas: flyway_schema_history, items");
    }
}
