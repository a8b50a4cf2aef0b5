package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.StateProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossReplicaStateCheckTest {
    private final Check check = new CrossReplicaStateCheck();

    /** The real bug: in-memory state behind the load balancer, about 25% success with 4 replicas. */
    @Test
    void failsWhenOnlyTheCreatingReplicaFindsTheItem() {
        List<StateProbe.Read> reads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int i = 1; i <= 4; i++) {
                reads.add(new StateProbe.Read("api-" + i, i == 1 ? 200 : 404, i == 1 ? "200" : "404 not found"));
            }
        }
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), new StateProbe("7", "api-1", null, reads, null)));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("item 7 created through the load balancer on api-1 was missing when read through "
                + "api-2 (404), api-3 (404), api-4 (404); 3 of 12 reads succeeded (25%): state is kept per replica");
    }

    @Test
    void skipsWhenTheServiceHasNoStateProbe() {
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), StateProbe.skipped("no probes.state")));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("no probes.state");
    }
}
