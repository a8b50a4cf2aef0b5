package dev.scalecheck.core.check;

import dev.scalecheck.core.migration.MigrationTool;
import dev.scalecheck.core.spec.Markers;
import dev.scalecheck.core.spec.Spec;
import java.util.List;
import java.util.function.Predicate;

/** The ten built-in checks in report order, and whether a spec enables each. */
public final class BuiltInChecks {
    public static final String SHARED_WRITES = SharedWritesCheck.ID;
    public static final String LB_REACHES_ALL = LbReachesAllCheck.ID;
    public static final String CROSS_REPLICA_STATE = CrossReplicaStateCheck.ID;
    public static final String SINGLE_MIGRATION = SingleMigrationCheck.ID;
    public static final String LOCK_RELEASED = LockReleasedCheck.ID;

    private BuiltInChecks() {
    }

    public static List<Check> all() {
        return List.of(new ReplicasHealthyCheck(), new ParallelStartupCheck(), new SharedWritesCheck(),
                new SingleMigrationCheck(), new LockReleasedCheck(), new LbReachesAllCheck(), new CrossReplicaStateCheck(),
                new ConnectionHeadroomCheck(), new StartupBudgetCheck(), new FreshStateCheck());
    }

    /** The built-in check with this id. */
    public static Check named(String id) {
        return all().stream().filter(check -> check.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in check '" + id + "'"));
    }

    /**
     * The log lines the checks judge by wherever they are in a replica's log (ANSI codes
     * stripped): a line with a marker that may be in force (the spec's, else its migration
     * tool's, else any tool's, as the tool is found only later, in the database) and a line that
     * can name why a replica failed. Besides these the checks read only a replica's last lines,
     * so an orchestrator that cannot keep every line keeps these and a tail.
     */
    public static Predicate<String> judgedLines(Spec spec) {
        List<Markers> markers = spec.markers() != null ? List.of(spec.markers())
                : spec.database().tool() != null ? List.of(MigrationTool.named(spec.database().tool()).markers())
                : MigrationTool.all().stream().map(MigrationTool::markers).toList();
        return line -> Cause.mayExplain(line) || markers.stream().anyMatch(each -> each.matchesAny(line));
    }

    public static boolean enabled(Spec spec, String id) {
        Spec.Checks checks = spec.checks();
        return switch (id) {
            case ReplicasHealthyCheck.ID -> checks.replicasHealthy().enabled();
            case ParallelStartupCheck.ID -> checks.parallelStartup().enabled();
            case SharedWritesCheck.ID -> checks.sharedWrites().enabled();
            case SingleMigrationCheck.ID -> checks.singleMigration().enabled();
            case LockReleasedCheck.ID -> checks.lockReleased().enabled();
            case LbReachesAllCheck.ID -> checks.lbReachesAll().enabled();
            case CrossReplicaStateCheck.ID -> checks.crossReplicaState().enabled();
            case ConnectionHeadroomCheck.ID -> checks.connectionHeadroom().enabled();
            case StartupBudgetCheck.ID -> checks.startupBudget().enabled();
            case FreshStateCheck.ID -> checks.freshState().enabled();
            default -> true;
        };
    }
}
