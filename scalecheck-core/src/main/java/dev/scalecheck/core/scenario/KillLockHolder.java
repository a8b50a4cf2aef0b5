package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.evidence.ConnectionUse;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.evidence.SharedWrites;
import dev.scalecheck.core.evidence.StateProbe;
import dev.scalecheck.core.migration.MigrationTool;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.DurationText;
import dev.scalecheck.core.spec.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A replica killed while it holds the migration lock. The application's database is emptied,
 * the first replica started alone and watched until the database shows it holding a lock; then
 * it is SIGKILLed and every replica started at once. They must all become ready, every
 * migration must be applied exactly once, and no lock may be left held: judged by the same
 * evidence as single-migration and lock-released, through the database's own lock listing and
 * the migration tool's lock table.
 */
final class KillLockHolder implements Scenario {
    static final String ID = "kill-lock-holder";
    private static final Duration WATCH = Duration.ofMillis(20);
    private static final String NOT_JUDGED = "not part of this scenario";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String rule() {
        return "empty the database, start one replica, SIGKILL it while it holds the migration lock, start all: every replica "
                + "ready, each migration applied once, no lock left held";
    }

    @Override
    public CheckResult run(ScenarioContext context) throws InterruptedException {
        Instant started = context.clock().instant();
        context.stop(context.replicas());
        context.deployment().emptyDatabase();
        Replica first = context.deployment().startAgain(context.replicas().get(0));
        context.replace(first);
        Instant watching = context.clock().instant();
        List<String> seen = new ArrayList<>();
        Predicate<String> migrationLock = migrationLock(context.spec());
        Deadline.after(context.spec().health().timeout(), context.clock()).poll(WATCH, () -> {
            List<String> held = context.collector().heldLocks(context.database(), List.of(first)).stream()
                    .filter(migrationLock).toList();
            if (!held.isEmpty()) {
                seen.addAll(held);
                return Optional.of(true);
            }
            boolean over = context.deployment().exitCode(first).isPresent()
                    || context.deployment().request(first, "GET", context.spec().health().path(), null).ok();
            return over ? Optional.of(false) : Optional.empty();
        });
        if (seen.isEmpty()) {
            Duration watched = context.since(watching);
            restoreAll(context);
            return CheckResult.skipped(ID, "not judged: " + first.id() + " was never seen holding " + lockWanted(context.spec())
                    + " (the database's lock listing and the migration tool's lock table, read every " + WATCH.toMillis() + " ms for "
                    + Verdicts.seconds(watched) + " until it was ready or ended), so there was no holder to kill; a first "
                    + "migration that takes longer than that makes this testable");
        }
        context.deployment().killReplica(first);
        Instant killed = context.clock().instant();
        List<Replica> all = context.startAgain(context.replicas());
        Map<String, ReplicaHealth> health = context.awaitReady(all);
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        String holder = first.id() + " was killed " + Verdicts.seconds(Duration.between(watching, killed))
                + " after its start, holding " + String.join(" and ", seen);
        details.add(holder);
        for (ReplicaHealth each : health.values()) {
            if (!each.ready()) {
                problems.add(each.replica() + " did not become ready within " + DurationText.format(context.spec().health().timeout())
                        + " after " + first.id() + " was killed holding the lock: " + Verdicts.why(each));
            }
        }
        DatabaseState database = context.collector().database(context.database(), List.of(), all,
                ConnectionUse.none(NOT_JUDGED));
        Evidence evidence = new Evidence(context.spec(), context.collector().markers(database), all, health,
                context.logsSince(started), database, SharedWrites.skipped(NOT_JUDGED), LoadBalancerTraffic.skipped(NOT_JUDGED),
                StateProbe.skipped(NOT_JUDGED));
        for (String id : List.of(BuiltInChecks.SINGLE_MIGRATION, BuiltInChecks.LOCK_RELEASED)) {
            CheckResult judged = BuiltInChecks.named(id).evaluate(evidence);
            if (judged.status() == Status.FAIL || judged.status() == Status.ERROR) {
                problems.add(judged.id() + " after the kill: " + judged.summary());
                details.addAll(judged.details().stream().map(line -> judged.id() + ": " + line).toList());
            } else {
                details.add(judged.id() + " after the kill: " + judged.status() + ", " + judged.summary());
            }
        }
        List<String> unrouted = context.awaitAllRouted();
        if (!unrouted.isEmpty()) {
            details.add("the load balancer did not send requests again within 15 s to " + String.join(", ", unrouted));
        }
        List<String> evidenceLines = List.of("the application's database emptied; " + rule());
        return Verdicts.judged(ID, problems, details, evidenceLines, holder + "; then all " + all.size()
                + " replicas became ready, each migration was applied once and no lock was left held");
    }

    /**
     * The locks worth killing a holder for: the spec's {@code database.lockName} and the migration
     * tool's lock table, when either is known (a tool's own short lock taken on the way, such as
     * Flyway's around an empty run, is not the migration lock then); else any lock.
     */
    static Predicate<String> migrationLock(Spec spec) {
        List<String> names = names(spec);
        List<String> quoted = names.stream().map(name -> "'" + name.toLowerCase(Locale.ROOT) + "'").toList();
        return quoted.isEmpty() ? line -> true : line -> quoted.stream().anyMatch(line.toLowerCase(Locale.ROOT)::contains);
    }

    private static String lockWanted(Spec spec) {
        List<String> names = names(spec);
        return names.isEmpty() ? "a lock" : "lock " + String.join(" or ", names.stream().map(name -> "'" + name + "'").toList());
    }

    private static List<String> names(Spec spec) {
        List<String> names = new ArrayList<>();
        if (spec.database().lockName() != null) {
            names.add(spec.database().lockName());
        }
        if (spec.database().tool() != null) {
            MigrationTool.named(spec.database().tool()).lockTable().ifPresent(names::add);
        }
        return names;
    }

    /** Brings every replica back after a scenario that could not go on, so the next one finds the deployment whole. */
    private static void restoreAll(ScenarioContext context) throws InterruptedException {
        List<Replica> stopped = context.replicas().subList(1, context.replicas().size());
        context.awaitReady(context.startAgain(stopped));
        context.awaitAllRouted();
    }
}
