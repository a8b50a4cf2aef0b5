package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.ReplicaHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionHeadroomCheckTest {
    private final Check check = new ConnectionHeadroomCheck();

    @Test
    void failsWhenReplicasTimesPoolExceedsMaxConnections() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        Fixtures.healthy(4).forEach((id, h) -> health.put(id, new ReplicaHealth(id, h.startedAt(), h.readyAt(), h.lastAnswer(),
                null, 200)));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("4 replicas x pool 200 = 800 connections + margin 10 = 810 > max_connections 151; "
                + "Threads_connected 21: under load some replicas cannot get a connection");
    }

    @Test
    void passesWithTheArithmeticShown() {
        assertThat(check.evaluate(Fixtures.healthyEvidence()).summary())
                .isEqualTo("4 replicas x pool 5 = 20 connections + margin 10 = 30 <= max_connections 151; Threads_connected 21");
    }
}
