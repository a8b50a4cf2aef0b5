package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LbReachesAllCheckTest {
    private final Check check = new LbReachesAllCheck();

    @Test
    void namesTheReplicaTheLoadBalancerNeverReached() {
        LoadBalancerTraffic traffic = new LoadBalancerTraffic("http://127.0.0.1:8080/api/health", 40,
                Map.of("api-1", 14, "api-2", 13, "api-4", 13), "header X-Replica-Id", List.of(), null);
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), traffic));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("api-3 never answered through the load balancer (40 requests: "
                + "api-1 14, api-2 13, api-3 0, api-4 13)");
    }

    @Test
    void failsOnErrorsThroughTheLoadBalancer() {
        LoadBalancerTraffic traffic = new LoadBalancerTraffic("http://127.0.0.1:8080/api/health", 40,
                Map.of("api-1", 10, "api-2", 10, "api-3", 10, "api-4", 8), "header X-Replica-Id", List.of("503", "503"), null);
        assertThat(check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), traffic)).summary())
                .isEqualTo("2 of 40 requests through http://127.0.0.1:8080/api/health failed (first: 503)");
    }

    @Test
    void skipsSayingHowToNameReplicasWhenNothingSaysWhoAnswered() {
        LoadBalancerTraffic traffic = new LoadBalancerTraffic("http://127.0.0.1:8080/health", 40, Map.of(), null, List.of(), null);
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), traffic));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).startsWith("all 40 requests through http://127.0.0.1:8080/health succeeded, but nothing says "
                + "which replica answered; set checks.lb-reaches-all.replicaHeader");
    }

    @Test
    void stillFailsOnErrorsWhenNothingSaysWhoAnswered() {
        LoadBalancerTraffic traffic = new LoadBalancerTraffic("http://127.0.0.1:8080/health", 40, Map.of(), null,
                List.of("502 Bad Gateway"), null);
        assertThat(check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), traffic)).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aReplicaThatNeverBecameReadyIsNotExpectedToAnswer() {
        Map<String, ReplicaHealth> health = new java.util.LinkedHashMap<>(Fixtures.healthy(4));
        health.put("api-3", new ReplicaHealth("api-3", Fixtures.T0, null, "no answer", 1, null));
        LoadBalancerTraffic traffic = new LoadBalancerTraffic("http://127.0.0.1:8080/api/health", 39,
                Map.of("api-1", 13, "api-2", 13, "api-4", 13), "the load balancer's own counts", List.of(), null);
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), health), traffic));
        assertThat(result.status()).isEqualTo(Status.PASS);
    }
}
