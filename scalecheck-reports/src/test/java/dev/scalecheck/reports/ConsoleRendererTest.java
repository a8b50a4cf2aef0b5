package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.run.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict says how many checks were skipped, and a run that judged nothing did not pass. */
class ConsoleRendererTest {

    @Test
    void aPassingRunCountsItsSkippedChecks() {
        RunReport report = report(List.of(CheckResult.pass("replicas-healthy", "4 of 4 ready", List.of()),
                CheckResult.skipped("shared-writes", "no probes.writes in the spec"),
                CheckResult.skipped("cross-replica-state", "no probes.state in the spec")));
        assertThat(report.passed()).isTrue();
        assertThat(ConsoleRenderer.verdict(report))
                .isEqualTo("SCALING TEST PASSED, 2 of 3 checks skipped: shared-writes, cross-replica-state");
    }

    @Test
    void aRunWhoseChecksWereAllSkippedDidNotPass() {
        RunReport report = report(List.of(CheckResult.skipped("replicas-healthy", "disabled in the spec"),
                CheckResult.skipped("shared-writes", "no probes.writes in the spec")));
        assertThat(report.passed()).isFalse();
        assertThat(ConsoleRenderer.verdict(report))
                .isEqualTo("SCALING TEST NOT PASSED, nothing was judged, 2 of 2 checks skipped: replicas-healthy, shared-writes");
    }

    @Test
    void namesTheNodeOfEveryReplicaWhenTheyRunOnSeveralHostsAndNothingOnOneMachine() throws Exception {
        List<CheckResult> results = List.of(CheckResult.pass("replicas-healthy", "2 of 2 ready", List.of()));
        List<dev.scalecheck.core.run.ReplicaTimeline> onNodes = List.of(
                new dev.scalecheck.core.run.ReplicaTimeline("api-1", Instant.EPOCH, null, null, null, null, null, null, null, null, "node2"),
                new dev.scalecheck.core.run.ReplicaTimeline("api-2", Instant.EPOCH, null, null, null, null, null, null, null, null, "node3"));
        java.io.StringWriter swarm = new java.io.StringWriter();
        new ConsoleRenderer(false, false, false).render(new RunReport("0badc0de", "swarm", "api", 2, Instant.EPOCH,
                Duration.ofSeconds(9), List.of(), List.of(), results, onNodes, null, Map.of(), List.of(), null), swarm);
        assertThat(swarm.toString()).contains("\nnodes   api-1 on node2, api-2 on node3\n");
        java.io.StringWriter local = new java.io.StringWriter();
        new ConsoleRenderer(false, false, false).render(report(results), local);
        assertThat(local.toString()).doesNotContain("nodes ");
    }

    private static RunReport report(List<CheckResult> results) {
        return new RunReport("0badc0de", "local", "api", 4, Instant.EPOCH, Duration.ofSeconds(9), List.of(), List.of(), results,
                List.of(), null, Map.of(), List.of(), null);
    }
}
