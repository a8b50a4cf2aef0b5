package dev.scalecheck.core.evidence;

import java.util.List;
import java.util.Map;

/**
 * Requests sent through the load balancer.
 *
 * @param byReplica answers per replica id, from the replica header or the balancer's own counts
 * @param source where {@code byReplica} came from ("header X-Replica-Id", "balancer counts")
 * @param errors answers that were not 2xx, or no answer at all
 */
public record LoadBalancerTraffic(String url, int requests, Map<String, Integer> byReplica, String source,
        List<String> errors, String skippedReason) {

    public LoadBalancerTraffic {
        byReplica = byReplica == null ? Map.of() : Map.copyOf(byReplica);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static LoadBalancerTraffic skipped(String reason) {
        return new LoadBalancerTraffic(null, 0, Map.of(), null, List.of(), reason);
    }
}
