package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelStartupCheckTest {
    private final Check check = new ParallelStartupCheck();

    /** The seed's "bad output": each replica ready 30 s after the previous one, as when each waits on the lock. */
    @Test
    void reportsGapWhenReplicasStartThirtySecondsApart() {
        List<LogLine> logs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            logs.add(Fixtures.line(1, "api-" + i, "Waiting for migration lock 'demo_migration' (held by connection 9)"));
            logs.add(Fixtures.line(1 + 30 * (i - 1), "api-" + i, "Ready on port " + (40000 + i)));
        }
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("start-up spread 90.0 s across 4 replicas (ready marker) exceeds 5s; "
                + "largest gap 30.0 s between api-1 and api-2: replicas started one after another");
        assertThat(result.details()).containsExactly(
                "api-1 at +0.0 s, waited for the migration lock",
                "api-2 at +30.0 s (gap 30.0 s), waited for the migration lock",
                "api-3 at +60.0 s (gap 30.0 s), waited for the migration lock",
                "api-4 at +90.0 s (gap 30.0 s), waited for the migration lock");
    }

    @Test
    void passesWithinTheSpreadAndFallsBackToReadinessTimesWithoutMarkers() {
        Evidence healthy = Fixtures.healthyEvidence();
        CheckResult result = check.evaluate(Fixtures.with(healthy, List.<LogLine>of()));
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("start-up spread 0.0 s across 4 replicas (first 2xx readiness answer) within 5s");
    }

    @Test
    void leavesItToReplicasHealthyWhenFewerThanTwoBecameReadyAndTheRestExited() {
        java.util.Map<String, ReplicaHealth> health = new java.util.LinkedHashMap<>();
        Fixtures.healthy(4).forEach((id, h) -> health.put(id, id.equals("api-1") ? h
                : new ReplicaHealth(id, h.startedAt(), null, "no answer", 1, null)));
        Evidence one = Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), List.of(Fixtures.line(3, "api-1", "Ready on port 1"))),
                health);
        CheckResult result = check.evaluate(one);
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).contains("only api-1 finished start-up").contains("replicas-healthy says why");
    }

    @Test
    void replicasStillStartingAtTheTimeoutAreNotParallel() {
        java.util.Map<String, ReplicaHealth> health = new java.util.LinkedHashMap<>(Fixtures.healthy(4));
        health.put("api-4", new ReplicaHealth("api-4", Fixtures.T0, null, "503 {\"reason\":\"migrations_pending\"}", null, null));
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = healthy.logs().stream().filter(l -> !l.replica().equals("api-4")).toList();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, health), logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("api-4 still starting after 60.0 s while api-1, api-2, api-3 finished: "
                + "the start-up spread exceeds 5s");
    }
}
