package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.StateProbe;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * State created through the load balancer is visible from every replica: the per-replica
 * in-memory state bug (one create, then reads that land elsewhere 404).
 */
final class CrossReplicaStateCheck implements Check {
    static final String ID = "cross-replica-state";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        StateProbe probe = evidence.state();
        if (probe.skippedReason() != null) {
            return CheckResult.skipped(ID, probe.skippedReason());
        }
        if (probe.createError() != null) {
            return CheckResult.fail(ID, "creating through the load balancer failed: " + probe.createError(), List.of(), List.of());
        }
        if (probe.reads().stream().allMatch(r -> r.replica() == null)) {
            return unattributed(evidence, probe);
        }
        Map<String, List<StateProbe.Read>> byReplica = new LinkedHashMap<>();
        for (StateProbe.Read read : probe.reads()) {
            byReplica.computeIfAbsent(read.replica() == null ? "unknown replica" : read.replica(), k -> new ArrayList<>()).add(read);
        }
        long succeeded = probe.reads().stream().filter(r -> r.status() == 200).count();
        List<String> missingOn = new ArrayList<>();
        List<String> details = new ArrayList<>();
        byReplica.forEach((replica, reads) -> {
            long bad = reads.stream().filter(r -> r.status() != 200).count();
            details.add(replica + ": " + (reads.size() - bad) + " of " + reads.size() + " reads found it");
            if (bad > 0) {
                StateProbe.Read first = reads.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
                missingOn.add(replica + " (" + (first.status() < 0 ? first.detail() : String.valueOf(first.status())) + ")");
            }
        });
        String what = "item " + probe.createdId() + " created through the load balancer"
                + (probe.createdOn() == null ? "" : " on " + probe.createdOn());
        String rate = String.format(Locale.ROOT, "%d of %d reads succeeded (%.0f%%)", succeeded, probe.reads().size(),
                probe.reads().isEmpty() ? 0.0 : 100.0 * succeeded / probe.reads().size());
        if (!missingOn.isEmpty()) {
            return CheckResult.fail(ID, what + " was missing when read through " + Timeline.names(missingOn) + "; " + rate
                    + ": state is kept per replica", details, List.of());
        }
        List<String> unreached = evidence.ready().stream().map(Replica::id).filter(id -> !byReplica.containsKey(id)).toList();
        if (!unreached.isEmpty()) {
            return CheckResult.error(ID, what + " was read back " + succeeded + " times, but no read landed on "
                    + Timeline.names(unreached) + "; cannot tell whether it sees it");
        }
        return CheckResult.pass(ID, what + " was found by every replica; " + rate, details);
    }

    /** No read could be traced to a replica: missing reads still fail it, but all found proves nothing about each replica. */
    private static CheckResult unattributed(Evidence evidence, StateProbe probe) {
        long failed = probe.reads().stream().filter(r -> r.status() != 200).count();
        String what = "item " + probe.createdId() + " created through the load balancer";
        if (failed > 0) {
            StateProbe.Read first = probe.reads().stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            return CheckResult.fail(ID, what + " was missing in " + failed + " of " + Words.count(probe.reads().size(), "read")
                    + " through it (first: " + first.detail() + "): state is kept per replica", List.of(), List.of());
        }
        return CheckResult.skipped(ID, what + " was found by all " + Words.count(probe.reads().size(), "read")
                + ", but nothing says which replica answered them; " + LbReachesAllCheck.HOW_TO_NAME);
    }
}
