package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockReleasedCheckTest {
    private final Check check = new LockReleasedCheck();

    @Test
    void failsNamingTheHolderConnectionAndTheReplicaThatNeverReleased() {
        Evidence healthy = Fixtures.healthyEvidence();
        DatabaseState held = new DatabaseState(List.of(), "flyway_schema_history", healthy.database().history(),
                "demo_migration", 17L, 151, 21, null);
        List<LogLine> logs = healthy.logs().stream()
                .filter(l -> !(l.replica().equals("api-1") && l.text().startsWith("Released"))).toList();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, held), logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("migration lock 'demo_migration' still held after start-up by connection 17 "
                + "(api-1 acquired it and never released it); replicas that start later will wait on it");
        assertThat(result.details()).contains("waited for it: api-2, api-3, api-4");
    }

    @Test
    void cannotDecideWhenTheDatabaseCannotBeAsked() {
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), DatabaseState.unavailable("Connection refused")));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("Connection refused");
    }
}
