package dev.scalecheck.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesTest {
    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    /** A run at {@code replicas} whose replicas became ready 1 s apart, the first after {@code firstReady} seconds. */
    private static RunReport run(int replicas, double firstReady, List<CheckResult> results) {
        List<ReplicaHealth> health = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            health.add(new ReplicaHealth("api-" + i, T0, T0.plusMillis((long) ((firstReady + i - 1) * 1000)), "200", null, 6));
        }
        return new RunReport("r" + replicas, "local", "api", replicas, T0, Duration.ofSeconds(10), List.of(), health, results,
                List.of(), 40, Map.of(), List.of(), null);
    }

    private static CheckResult headroom(int replicas) {
        int needed = replicas * 6 + 10;
        String sum = replicas + " replicas x pool 6 = " + replicas * 6 + " connections + margin 10 = " + needed;
        return needed > 151 ? CheckResult.fail("connection-headroom", sum + " > max_connections 151: under load some replicas "
                + "cannot get a connection (pool = ...)", List.of(), List.of())
                : CheckResult.pass("connection-headroom", sum + " <= max_connections 151 (pool = ...)", List.of());
    }

    @Test
    void aRampNamesTheFirstFailingCountWithTheArithmeticOfItsFirstFailingCheck() {
        Series series = new Series("ramp", List.of(1, 2, 4, 8, 16, 32), 1, List.of(
                new Series.Entry(16, 1, run(16, 2, List.of(CheckResult.pass("replicas-healthy", "16 of 16", List.of()), headroom(16)))),
                new Series.Entry(32, 1, run(32, 3, List.of(CheckResult.fail("replicas-healthy", "api-1 exited with code 1 before "
                        + "becoming ready: Too many connections", List.of(), List.of()),
                        CheckResult.fail("lb-reaches-all", "api-10 never answered through the load balancer", List.of(), List.of()),
                        headroom(32),
                        CheckResult.fail("startup-budget", "slowest 26.8 s", List.of(), List.of()))))));

        assertThat(series.passed()).isFalse();
        Series.Point broken = series.breakingPoint().orElseThrow();
        assertThat(broken.replicas()).isEqualTo(32);
        assertThat(broken.firstFailure()).startsWith("connection-headroom: 32 replicas x pool 6 = 192 connections + margin 10 = 202 "
                + "> max_connections 151")
                .endsWith("(also failed: replicas-healthy, lb-reaches-all, startup-budget)");
        assertThat(broken.connectionsNeeded()).isEqualTo(202);
        assertThat(broken.maxConnections()).isEqualTo(151);
        Series.Point fine = series.points().get(0);
        assertThat(fine.passed()).isTrue();
        assertThat(fine.connectionsNeeded()).isEqualTo(106);
        assertThat(fine.slowestReady()).isEqualTo(Duration.ofSeconds(17));
        assertThat(fine.spread()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void repeatedRunsGiveEachCheckItsPassRateAndCountTheSameReasonOnce() {
        CheckResult raced = CheckResult.fail("single-migration", "migration 1 applied by api-1 and api-3", List.of(), List.of());
        List<Series.Entry> runs = new ArrayList<>();
        for (int round = 1; round <= 10; round++) {
            CheckResult migration = round == 4 || round == 7 ? raced : CheckResult.pass("single-migration", "once each", List.of());
            runs.add(new Series.Entry(4, round, run(4, 2, List.of(migration, CheckResult.pass("lb-reaches-all", "ok", List.of()),
                    CheckResult.skipped("cross-replica-state", "no probes.state")))));
        }
        Series series = new Series("repeat", List.of(4), 10, runs);

        assertThat(Series.passRates(series.reports())).extracting(Series.PassRate::check, Series.PassRate::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("single-migration", "8/10"),
                        org.assertj.core.groups.Tuple.tuple("lb-reaches-all", "10/10"),
                        org.assertj.core.groups.Tuple.tuple("cross-replica-state", "skipped"));
        assertThat(Series.reasons(series.reports())).containsExactly(
                new Series.Reason("single-migration: migration 1 applied by api-1 and api-3", 2));
        assertThat(series.passed()).isFalse();
        assertThat(series.points()).singleElement().satisfies(p -> {
            assertThat(p.passedRuns()).isEqualTo(8);
            assertThat(p.runs()).isEqualTo(10);
        });
    }

    @Test
    void allRunsPassingIsAPass() {
        Series series = new Series("repeat", List.of(2), 2, List.of(
                new Series.Entry(2, 1, run(2, 1, List.of(CheckResult.pass("replicas-healthy", "2 of 2", List.of())))),
                new Series.Entry(2, 2, run(2, 1, List.of(CheckResult.pass("replicas-healthy", "2 of 2", List.of()))))));

        assertThat(series.passed()).isTrue();
        assertThat(series.breakingPoint()).isEmpty();
    }

    @Test
    void upToDoublesFromOneAndEndsAtTheCountAskedFor() {
        assertThat(Series.doubling(32)).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(Series.doubling(12)).containsExactly(1, 2, 4, 8, 12);
        assertThat(Series.doubling(1)).containsExactly(1);
    }
}
