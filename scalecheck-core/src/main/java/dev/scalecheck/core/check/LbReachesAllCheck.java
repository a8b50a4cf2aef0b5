package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Pitfall 4: requests through the load balancer all succeed, and every replica answers some of them. */
final class LbReachesAllCheck implements Check {
    static final String ID = "lb-reaches-all";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        LoadBalancerTraffic traffic = evidence.loadBalancer();
        if (traffic.skippedReason() != null) {
            return CheckResult.skipped(ID, traffic.skippedReason());
        }
        String distribution = evidence.replicas().stream()
                .map(r -> r.id() + " " + traffic.byReplica().getOrDefault(r.id(), 0)).collect(Collectors.joining(", "));
        List<String> problems = new ArrayList<>();
        if (!traffic.errors().isEmpty()) {
            problems.add(traffic.errors().size() + " of " + traffic.requests() + " requests through " + traffic.url()
                    + " failed (first: " + traffic.errors().get(0) + ")");
        }
        List<String> missing = evidence.replicas().stream().map(Replica::id)
                .filter(id -> traffic.byReplica().getOrDefault(id, 0) == 0).toList();
        if (traffic.byReplica().isEmpty() && traffic.errors().size() < traffic.requests()) {
            return CheckResult.error(ID, "no answer named its replica (" + traffic.source() + "); set "
                    + "checks.lb-reaches-all.replicaHeader to a header the service sets");
        }
        for (String id : missing) {
            problems.add(id + " never answered through the load balancer (" + traffic.requests() + " requests: "
                    + distribution + ")");
        }
        List<String> facts = List.of(distribution + " (" + traffic.source() + ")");
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, facts);
        }
        return CheckResult.pass(ID, traffic.requests() + " requests through " + traffic.url()
                + ", 0 errors, every replica answered: " + distribution, facts);
    }
}
