package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.LoadBalancerTraffic;
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
}
