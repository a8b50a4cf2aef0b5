package dev.scalecheck.cli;

import dev.scalecheck.core.spec.DemoPreset;
import dev.scalecheck.core.spec.Spec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalecheck demo}: the whole scaling test on the reference service, on the local
 * orchestrator (an embedded MariaDB or PostgreSQL, N processes, an embedded load balancer), with
 * the service's fault switches to watch each check fail.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the scaling test against the reference service (demo-api) with an embedded database.")
final class DemoCommand implements Callable<Integer> {
    /** The reference service's DEMO_FAULT switches; the last three show only under a fault scenario. */
    static final List<String> FAULTS = List.of("no-lock", "keep-lock", "serial-lock", "memory-state", "readonly-data",
            "slow-start", "big-pool", "no-drain", "stale-lock", "no-reconnect");
    /** The demo's healthcheck start_period: what startup-budget measures against. */
    static final Duration START_PERIOD = Duration.ofSeconds(30);
    static final List<String> DATABASES = List.of("mariadb", "postgres");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--replicas", defaultValue = "4", description = "How many replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--fault", split = ",", paramLabel = "FAULT",
            description = "Switch on a fault of the reference service: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FaultNames.class)
    List<String> faults = List.of();

    @Option(names = "--fault-replica", paramLabel = "K", description = "Apply the faults to replica K only.")
    Integer faultReplica;

    @Option(names = "--database", paramLabel = "KIND", defaultValue = "mariadb",
            description = "The embedded database: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = DatabaseKinds.class)
    String database;

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    private final Launcher launcher;

    DemoCommand() {
        this(Launcher.REAL);
    }

    DemoCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        options.check(command);
        checkReplicas(command, replicas);
        for (String fault : faults) {
            if (!FAULTS.contains(fault)) {
                throw new BadFlags(command, "unknown fault '" + fault + "'; expected one of: " + String.join(", ", FAULTS));
            }
        }
        if (faultReplica != null && faults.isEmpty()) {
            throw new BadFlags(command, "--fault-replica " + faultReplica + " without --fault has no fault to apply; add --fault "
                    + "NAME, or leave --fault-replica out");
        }
        if (faultReplica != null && (faultReplica < 1 || faultReplica > replicas)) {
            throw new BadFlags(command, "--fault-replica " + faultReplica + " is not a replica; expected 1 to " + replicas);
        }
        if (!DATABASES.contains(database)) {
            throw new BadFlags(command, "--database " + database + " is not a database the demo runs on; expected one of: "
                    + String.join(", ", DATABASES));
        }
        Spec spec = options.withScenarios(demoSpec(faults, faultReplica, database, options.scenarios).withReplicas(replicas));
        Preflight.check(spec, "the demo");
        return launcher.launch(spec, options, command.commandLine().getOut(), command.commandLine().getErr());
    }

    /**
     * The reference service's spec: every default, its start_period, and short fault timings so a
     * failing demo ends soon; with kill-lock-holder, a first migration slow enough to be caught.
     */
    static Spec demoSpec(List<String> faults, Integer faultReplica, String database, List<String> scenarios) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DEMO_LOCK_TIMEOUT", "20");
        environment.put("DEMO_LOCK_HOLD", "4");
        if (scenarios.contains("kill-lock-holder")) {
            // a slow first migration: a holder the scenario can catch and kill
            environment.put("DEMO_MIGRATION_DELAY", "1");
        }
        if (!faults.isEmpty()) {
            environment.put("DEMO_FAULT", String.join(",", faults));
        }
        if (faultReplica != null) {
            environment.put("DEMO_FAULT_REPLICA", String.valueOf(faultReplica));
        }
        return DemoPreset.applyTo(Spec.empty().withLocal(new Spec.Local(List.of(), environment, null))
                .withHealth(new Spec.Health(null, null, Duration.ofSeconds(60), START_PERIOD))
                .withDatabase(new Spec.Database(null, database, null, null, null)));
    }

    static void checkReplicas(CommandLine.Model.CommandSpec command, int count) {
        if (count < 1 || count > Spec.MAX_REPLICAS) {
            throw new BadFlags(command, "--replicas " + count + " is out of range; expected a whole number from 1 to "
                    + Spec.MAX_REPLICAS);
        }
    }

    static final class DatabaseKinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DATABASES.iterator();
        }
    }

    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FAULTS.iterator();
        }
    }
}
