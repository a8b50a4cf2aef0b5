package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.SharedWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** TEST-03: every replica writes a unique token into the shared data directory; every replica reads all of them back. */
final class SharedWritesCheck implements Check {
    static final String ID = "shared-writes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        SharedWrites writes = evidence.writes();
        if (writes.skippedReason() != null) {
            return CheckResult.skipped(ID, writes.skippedReason());
        }
        if (writes.writes().isEmpty()) {
            return CheckResult.skipped(ID, "not judged: no replica became ready to write (replicas-healthy says why)");
        }
        List<String> problems = new ArrayList<>();
        Set<String> failedWriters = writes.writes().stream().filter(w -> !w.ok()).map(SharedWrites.Attempt::replica)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (SharedWrites.Attempt write : writes.writes()) {
            if (!write.ok()) {
                problems.add(write.replica() + " could not write " + write.file() + ": " + write.detail());
            }
        }
        for (SharedWrites.Attempt read : writes.reads()) {
            if (!read.ok() && !failedWriters.contains(read.owner())) {
                problems.add(read.replica() + " could not read " + read.owner() + "'s " + read.file() + ": " + read.detail());
            }
        }
        dev.scalecheck.core.orchestrator.Cluster cluster = evidence.cluster();
        if (cluster != null && cluster.dataNotShared() != null && cluster.nodes().size() + cluster.unavailable().size() > 1) {
            // not shared by construction, whether or not this run's replicas happened to share a node
            List<String> details = new ArrayList<>(List.of(cluster.dataNotShared()));
            details.addAll(problems);
            return CheckResult.fail(ID, "the data directory is not shared across nodes: " + cluster.dataNotShared()
                    + (problems.isEmpty() ? "" : " (" + problems.size() + (problems.size() == 1 ? " write or read failed" : " writes or reads failed") + ")"),
                    details, List.of());
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, List.of());
        }
        return CheckResult.pass(ID, Words.count(writes.writes().size(), "replica") + " each wrote a token to the shared data "
                + "directory; all " + Words.count(writes.reads().size(), "cross-read") + " returned it intact", List.of());
    }
}
