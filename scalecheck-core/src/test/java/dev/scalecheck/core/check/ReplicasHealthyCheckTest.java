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
    void failsAReplicaThatDiedAfterBecomingReadyNamingWhenAndHow() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>(Fixtures.healthy(4));
        ReplicaHealth ready = health.get("api-2");
        health.put("api-2", ready.ended(137, ready.readyAt().plusMillis(2500)));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("api-2 was ready in " + Timeline.seconds(ready.timeToReady())
                + ", then ended before the run did: at " + ready.readyAt().plusMillis(2500)
                + " (2.5 s after it was ready), exit code 137 (killed by SIGKILL)");
    }

    @Test
    void namesTheExitCodeOfAReplicaThatEndedByItselfAfterReadyWithoutASignal() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>(Fixtures.healthy(4));
        health.put("api-1", health.get("api-1").ended(3, null));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("api-1 was ready in ").endsWith("then ended before the run did: exit code 3");
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

    @Test
    void replicasThatDiedOfTheSameCauseAreOneLineWithoutTheLoggersPrefix() {
        Map<String, ReplicaHealth> health = Fixtures.exited(4);
        List<dev.scalecheck.core.LogLine> logs = new ArrayList<>();
        for (String replica : health.keySet()) {
            logs.add(Fixtures.line(2, replica, "2026-11-29T04:01:12.011Z \u001b[1;31mERROR\u001b[0;39m 9637 --- [           main] "
                    + "o.s.boot.SpringApplication               : Application run failed"));
            logs.add(Fixtures.line(2, replica, "Caused by: org.hibernate.HibernateException: Unable to determine Dialect without JDBC "
                    + "metadata (please set 'jakarta.persistence.jdbc.url' for common cases or 'hibernate.dialect' when a custom "
                    + "Dialect implementation must be provided)"));
        }
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), health), logs));
        assertThat(result.details()).hasSize(1);
        assertThat(result.summary()).isEqualTo("api-1, api-2, api-3, api-4 exited with code 1 before becoming ready: "
                + "'org.hibernate.HibernateException: Unable to determine Dialect without JDBC metadata (please set "
                + "'jakarta.persistence.jdbc.url' for common cases or 'hibernate.dialect' when a custom Dialect implementat...'");
        assertThat(Timeline.quote("2026-11-29T02:47:49.542Z ERROR 6272 --- [           main] c.e.n.l.LiquibaseNotesApplication"
                + "       : Application run failed")).isEqualTo("'Application run failed'");
        assertThat(Timeline.quote("2026-11-27T20:58:30.563289Z [api-1] FATAL: (conn=184) Too many connections"))
                .isEqualTo("'FATAL: (conn=184) Too many connections'");
    }

    @Test
    void namesTheConnectorJKeywordsTrapWithItsFix() {
        CheckResult result = check.evaluate(apiTwoExitedSaying(
                "2026-11-29T04:01:10.001Z WARN 9637 --- [main] o.h.engine.jdbc.spi.SqlExceptionHelper : HHH000339: Could not obtain "
                        + "connection metadata: java.sql.SQLSyntaxErrorException: Unknown column 'RESERVED' in 'WHERE'",
                "Caused by: org.hibernate.HibernateException: Unable to determine Dialect without JDBC metadata"));
        assertThat(result.summary()).startsWith("api-2 exited with code 1 before becoming ready: MySQL Connector/J asked MariaDB")
                .contains("add ?useInformationSchema=false to the JDBC URL");
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
