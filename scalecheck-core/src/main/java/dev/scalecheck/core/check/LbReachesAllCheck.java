package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pitfall 4: requests through the load balancer all succeed, and every ready replica answers
 * some of them. Which replica answered comes from the load balancer's own counts or a response
 * header; without either, the check judges the errors alone and says what it could not tell.
 */
final class LbReachesAllCheck implements Check {
    static final String ID = "lb-reaches-all";
    static final String HOW_TO_NAME = "set checks.lb-reaches-all.replicaHeader to a response header that names the replica "
            + "(the service's own, or one the load balancer adds, e.g. HAProxy's 'http-response set-header X-Served-By %s')";

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
        List<String> problems = new ArrayList<>();
        if (!traffic.errors().isEmpty()) {
            problems.add(traffic.errors().size() + " of " + Words.count(traffic.requests(), "request") + " through " + traffic.url()
                    + " failed (first: " + traffic.errors().get(0) + ")");
        }
        if (traffic.source() == null) {
            if (!problems.isEmpty()) {
                return CheckResult.fail(ID, problems, List.of());
            }
            return CheckResult.skipped(ID, "all " + Words.count(traffic.requests(), "request") + " through " + traffic.url()
                    + " succeeded, but nothing says which replica answered; " + HOW_TO_NAME);
        }
        List<Replica> expected = evidence.ready();
        String distribution = expected.stream()
                .map(r -> r.id() + " " + traffic.byReplica().getOrDefault(r.id(), 0)).collect(Collectors.joining(", "));
        if (traffic.byReplica().isEmpty() && traffic.errors().size() < traffic.requests()) {
            return CheckResult.error(ID, "no answer named its replica (" + traffic.source() + "); " + HOW_TO_NAME);
        }
        for (Replica replica : expected) {
            if (traffic.byReplica().getOrDefault(replica.id(), 0) == 0) {
                problems.add(replica.id() + " never answered through the load balancer (" + Words.count(traffic.requests(), "request")
                        + ": " + distribution + ")");
            }
        }
        List<String> facts = List.of(distribution + " (" + traffic.source() + ")");
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, facts);
        }
        return CheckResult.pass(ID, Words.count(traffic.requests(), "request") + " through " + traffic.url()
                + ", 0 errors, every ready replica answered: " + distribution, facts);
    }
}
