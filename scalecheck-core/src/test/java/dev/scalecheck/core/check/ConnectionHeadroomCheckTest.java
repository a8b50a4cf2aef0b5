package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.ConnectionUse;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionHeadroomCheckTest {
    private final Check check = new ConnectionHeadroomCheck();

    @Test
    void failsWhenReplicasTimesPoolExceedsMaxConnections() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        Fixtures.healthy(4).forEach((id, h) -> health.put(id, new ReplicaHealth(id, h.startedAt(), h.readyAt(), h.lastAnswer(),
                null, 200)));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("4 replicas x pool 200 = 800 connections + margin 10 = 810 > max_connections 151: "
                + "under load some replicas cannot get a connection");
    }

    @Test
    void passesWithTheArithmeticFromTheDatabasesOwnView() {
        assertThat(check.evaluate(Fixtures.healthyEvidence()).summary())
                .isEqualTo("4 replicas x pool 5 = 20 connections + margin 10 = 30 <= max_connections 151 (pool = the most "
                        + "connections one replica held at once, as the database listed them; or the readiness answer's pool.max when larger)");
    }

    @Test
    void worksWithNoCooperationFromTheService() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        Fixtures.healthy(4).forEach((id, h) -> health.put(id, new ReplicaHealth(id, h.startedAt(), h.readyAt(), "200 {}", null, null)));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), health));
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).startsWith("4 replicas x pool 5 = 20 connections");
    }

    @Test
    void failsWithTheArithmeticWhenReplicasWereRefusedTooManyConnections() {
        List<Replica> replicas = Fixtures.replicas(32);
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        Map<String, Integer> peaks = new LinkedHashMap<>();
        List<LogLine> logs = new ArrayList<>();
        for (Replica replica : replicas) {
            boolean refused = replica.index() > 24;
            health.put(replica.id(), new ReplicaHealth(replica.id(), Fixtures.T0, refused ? null : Fixtures.at(5), "200", refused ? 1 : null,
                    null));
            if (refused) {
                logs.add(Fixtures.line(3, replica.id(), "FATAL: database not reachable after 60 s ((conn=0) Too many connections)"));
            } else {
                peaks.put(replica.id(), 5);
            }
        }
        DatabaseState db = Fixtures.db().connections(new ConnectionUse(peaks, 1, 121, 40, null)).build();
        Evidence evidence = Fixtures.evidence(Fixtures.spec().withReplicas(32), replicas, health, logs, db, Fixtures.writes(0),
                Fixtures.traffic(1), Fixtures.state(1));
        CheckResult result = check.evaluate(evidence);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("32 replicas x pool 5 = 160 connections + margin 10 = 170 > max_connections 151")
                .contains("8 replicas refused (first: api-25 never became ready: the database refused a connection");
    }

    @Test
    void skipsWithTheKeyWhenNoConnectionWasSeenAndNoPoolIsGiven() {
        Map<String, ReplicaHealth> health = new LinkedHashMap<>();
        Fixtures.healthy(4).forEach((id, h) -> health.put(id, new ReplicaHealth(id, h.startedAt(), h.readyAt(), "200 {}", null, null)));
        DatabaseState blind = Fixtures.db().connections(ConnectionUse.none("the database's process list could not be read")).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), health), blind));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).contains("set checks.connection-headroom.poolSize");
    }
}
