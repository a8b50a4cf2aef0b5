package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicasHealthyCheckTest {
    private final Check check = new ReplicasHealthyCheck();

    @Test
    void namesAReplicaThatNeverBecameReadyWithItsLastAnswer() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>(Fixtures.healthy(4));
        health.put("api-3", new ReplicaHealth("api-3", Fixtures.T0, null, "503 {\"reason\":\"migrations_pending\"}", null, null));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("api-3 not ready after 60.0 s (GET /api/health/ready answered "
                + "503 {\"reason\":\"migrations_pending\"})");
    }

    @Test
    void namesAReplicaThatExitedWithItsFatalLine() {
        CheckResult result = check.evaluate(apiTwoExitedSaying(
                "FATAL: timed out after 20 s waiting for migration lock 'demo_migration'", "Shutdown complete"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("api-2 exited with code 1 before becoming ready: it gave up waiting for a lock "
                + "another replica held ('FATAL: timed out after 20 s");
    }

    @Test
    void namesTheRootCauseOfAnUnknownDeathWithoutColourCodes() {
        CheckResult result = check.evaluate(apiTwoExitedSaying(
                "2026-11-29T02:47:49Z \u001b[1;31mERROR\u001b[0;39m liquibase.ui : Application run failed",
                "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool",
                "Caused by: java.sql.SQLException: Access denied for user 'notes'@'localhost'",
                "\tat com.zaxxer.hikari.pool.HikariPool.checkFailFast(HikariPool.java:100)"));
        assertThat(result.summary()).isEqualTo("api-2 exited with code 1 before becoming ready: "
                + "'java.sql.SQLException: Access denied for user 'notes'@'localhost''");
    }

    @Test
    void failsWhenFewerReplicasExistThanTheSpecAsks() {
        Evidence healthy = Fixtures.healthyEvidence();
        Evidence three = Fixtures.evidence(healthy.spec(), Fixtures.replicas(3), Fixtures.healthy(3), healthy.logs(),
                healthy.database(), healthy.writes(), healthy.loadBalancer(), healthy.state());
        assertThat(check.evaluate(three).summary()).isEqualTo("expected 4 replicas, found 3");
    }

    /** The healthy demo, but api-2 exited with code 1 after writing these lines. */
    private static Evidence apiTwoExitedSaying(String... lines) {
        Evidence healthy = Fixtures.healthyEvidence();
        Map<String, ReplicaHealth> health = new LinkedHashMap<>(healthy.health());
        health.put("api-2", new ReplicaHealth("api-2", Fixtures.T0, null, "no answer", 1, null));
        List<dev.scalecheck.core.LogLine> logs = new ArrayList<>(healthy.logs());
        for (String line : lines) {
            logs.add(Fixtures.line(20, "api-2", line));
        }
        return Fixtures.with(Fixtures.with(healthy, health), logs);
    }
}
