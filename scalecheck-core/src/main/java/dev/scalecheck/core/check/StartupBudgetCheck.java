package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.spec.DurationText;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pitfall 5: the slowest time-to-healthy stays well below the healthcheck's start_period, which
 * is often sized for one replica; with N, the last one may wait on the lock past it.
 */
final class StartupBudgetCheck implements Check {
    static final String ID = "startup-budget";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        Duration startPeriod = evidence.spec().health().startPeriod();
        if (startPeriod == null) {
            return CheckResult.skipped(ID, "no health.startPeriod (the healthcheck's start_period) in the spec");
        }
        double fraction = evidence.spec().checks().startupBudget().maxFraction();
        Duration budget = Duration.ofMillis(Math.round(startPeriod.toMillis() * fraction));
        String limit = String.format(Locale.ROOT, "%.0f%% of start_period %s (%s)", fraction * 100,
                DurationText.format(startPeriod), Timeline.seconds(budget));
        List<String> never = evidence.health().values().stream().filter(h -> !h.ready() && h.exitCode() == null)
                .map(ReplicaHealth::replica).sorted().toList();
        if (!never.isEmpty()) {
            return CheckResult.fail(ID, Timeline.names(never) + " still not healthy after " + Timeline.seconds(evidence.spec().health()
                    .timeout()) + "; the budget is " + limit, List.of(), List.of());
        }
        Optional<ReplicaHealth> slowest = evidence.health().values().stream().filter(ReplicaHealth::ready)
                .max(Comparator.comparing(ReplicaHealth::timeToReady));
        if (slowest.isEmpty()) {
            return CheckResult.skipped(ID, "not judged: no replica became ready (replicas-healthy says why)");
        }
        String measured = "slowest time-to-healthy " + Timeline.seconds(slowest.get().timeToReady()) + " ("
                + slowest.get().replica() + ")";
        if (slowest.get().timeToReady().compareTo(budget) > 0) {
            return CheckResult.fail(ID, measured + " exceeds " + limit + "; raise start_period or make start-up faster",
                    List.of(), List.of());
        }
        return CheckResult.pass(ID, measured + " within " + limit, List.of());
    }
}
