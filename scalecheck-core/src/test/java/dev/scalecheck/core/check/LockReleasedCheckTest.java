package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockReleasedCheckTest {
    private final Check check = new LockReleasedCheck();

    @Test
    void failsNamingTheLockFoundWithoutItsNameAndTheReplicaHoldingIt() {
        Evidence healthy = Fixtures.healthyEvidence();
        DatabaseState held = Fixtures.db().locks(List.of(new HeldLock("user lock", "demo_migration", 17L, "127.0.0.1:51234",
                null, "api-1"))).build();
        List<LogLine> logs = healthy.logs().stream()
                .filter(l -> !(l.replica().equals("api-1") && l.text().startsWith("Released"))).toList();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(healthy, held), logs));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("user lock 'demo_migration' still held by connection 17 of api-1 after start-up; "
                + "replicas that start later will wait on it");
        assertThat(result.details()).contains("api-1 logged acquiring the lock and never releasing it");
    }

    @Test
    void onPostgresTheAdvisoryKeyIsNamedByTheSpecsLockNameWhenItsHolderHoldsThat() {
        Evidence healthy = Fixtures.healthyEvidence();
        DatabaseState held = Fixtures.db().locks(List.of(new HeldLock("advisory lock", "114819288", 29328L, "127.0.0.1:40112",
                null, "api-1"))).lockName("demo_migration", 29328L).build();
        CheckResult result = check.evaluate(Fixtures.with(healthy, held));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("advisory lock '114819288' ('demo_migration') still held by connection 29328 of api-1 "
                + "after start-up; replicas that start later will wait on it");
    }

    @Test
    void failsOnAStuckLiquibaseLockNamingLockedBy() {
        DatabaseState stuck = Fixtures.db().tool("liquibase", List.of("DATABASECHANGELOG"))
                .locksUnavailable("the database cannot list user-level locks")
                .lockName(null, null)
                .locks(List.of(new HeldLock("table lock", "DATABASECHANGELOGLOCK", null, null,
                        "LOCKED = 1, LOCKEDBY 'vm (10.0.0.2)', LOCKGRANTED 2026-11-29 02:48:52"))).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), stuck), Markers.preset("liquibase")));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("table lock 'DATABASECHANGELOGLOCK' still held (LOCKED = 1, LOCKEDBY 'vm (10.0.0.2)'");
    }

    @Test
    void failsOnTheDemosStaleTableLockNamingLockedBy() {
        DatabaseState stuck = Fixtures.db().locks(List.of(new HeldLock("table lock", "demo_migration_lock", null, null,
                "LOCKED by 'api-1 (host-a, pid 4242)' since 2026-11-29 08:01:02"))).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), stuck));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("table lock 'demo_migration_lock' still held (LOCKED by 'api-1 (host-a, pid 4242)' "
                + "since 2026-11-29 08:01:02) after start-up; replicas that start later will wait on it");
    }

    @Test
    void passesSayingWhatWasLookedAtAndWhoTheLogsSayReleasedIt() {
        CheckResult result = check.evaluate(Fixtures.healthyEvidence());
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("no lock held after start-up: no lock in performance_schema.metadata_locks, "
                + "'demo_migration' free; acquired and released by api-1, api-2, api-3, api-4 (their logs)");
    }

    @Test
    void saysNothingOfWhoAcquiredItWhenNoLogShowsIt() {
        DatabaseState flyway = Fixtures.db().tool("flyway", List.of("flyway_schema_history")).lockName(null, null).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), flyway), Markers.preset("flyway")));
        assertThat(result.summary()).isEqualTo("no lock held after start-up: no lock in performance_schema.metadata_locks");
    }

    @Test
    void skipsWithTheFixWhenLocksCannotBeListedAndNoneIsNamed() {
        DatabaseState blind = Fixtures.db().tool("flyway", List.of("flyway_schema_history")).lockName(null, null)
                .locksUnavailable("the database cannot list user-level locks (performance_schema is off); set database.lockName")
                .build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), blind));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).contains("set database.lockName");
    }

    @Test
    void aServiceThatExitsBeforeMigratingIsNotAPass() {
        Map<String, ReplicaHealth> dead = Fixtures.exited(4);
        DatabaseState none = Fixtures.db().history(null, List.of()).build();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.with(Fixtures.with(Fixtures.healthyEvidence(), dead), none),
                List.<LogLine>of()));
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).contains("replicas-healthy says why");
    }

    @Test
    void cannotDecideWhenTheDatabaseCannotBeAsked() {
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), DatabaseState.unavailable("Connection refused")));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("Connection refused");
    }
}
