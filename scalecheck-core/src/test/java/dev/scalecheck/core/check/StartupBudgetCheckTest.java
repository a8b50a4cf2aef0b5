package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.spec.Spec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupBudgetCheckTest {
    private final Check check = new StartupBudgetCheck();

    @Test
    void failsWhenTheSlowestReplicaUsesMoreThanHalfTheStartPeriod() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>(Fixtures.healthy(4));
        health.put("api-4", new ReplicaHealth("api-4", Fixtures.T0, Fixtures.at(22.5), "200", null, 5));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("slowest time-to-healthy 22.5 s (api-4) exceeds 50% of start_period 30s (15.0 s); "
                + "raise start_period or make start-up faster");
    }

    @Test
    void skipsWithoutAStartPeriod() {
        Spec spec = Fixtures.spec().withHealth(new Spec.Health(null, null, null, null));
        assertThat(check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), spec)).status()).isEqualTo(Status.SKIPPED);
    }
}
