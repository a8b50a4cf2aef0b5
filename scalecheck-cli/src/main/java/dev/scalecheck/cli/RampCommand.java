package dev.scalecheck.cli;

import dev.scalecheck.core.run.Series;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.core.spec.SpecReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalecheck ramp}: the whole scaling test at growing replica counts, each on a fresh
 * deployment, until the first count that fails (the breaking point) unless {@code --keep-going}.
 */
@Command(name = "ramp", mixinStandardHelpOptions = true,
        description = "Run the scaling test at 1, 2, 4, ... replicas, each on a fresh deployment, and name where it breaks and why.")
final class RampCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, description = "The spec (default: scalecheck.yml; not with --demo).")
    Path file;

    @Option(names = "--demo", description = "Ramp the reference service (demo-api) on the local orchestrator, as `scalecheck demo` runs it.")
    boolean demo;

    @Option(names = "--replicas", split = ",", paramLabel = "N", description = "The replica counts, in increasing order, e.g. 1,2,4,8,16,32.")
    List<Integer> replicas;

    @Option(names = "--up-to", paramLabel = "N", description = "Double from 1 up to N (N itself last): --up-to 32 is 1,2,4,8,16,32.")
    Integer upTo;

    @Option(names = "--keep-going", description = "Run every count, also after one failed.")
    boolean keepGoing;

    @Option(names = "--fault", split = ",", paramLabel = "FAULT",
            description = "With --demo: switch on a fault of the reference service: ${COMPLETION-CANDIDATES}.",
            completionCandidates = DemoCommand.FaultNames.class)
    List<String> faults = List.of();

    @Option(names = "--database", paramLabel = "KIND",
            description = "With --demo: the embedded database: ${COMPLETION-CANDIDATES} (default: mariadb).",
            completionCandidates = DemoCommand.DatabaseKinds.class)
    String database;

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    private final RampLauncher launcher;

    RampCommand() {
        this(RampLauncher.REAL);
    }

    RampCommand(RampLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        if (demo && file != null) {
            throw new BadFlags(command, "--demo and -f both say what to ramp; choose one");
        }
        if (!demo && (!faults.isEmpty() || database != null)) {
            throw new BadFlags(command, (faults.isEmpty() ? "--database" : "--fault") + " is for the reference service; add --demo");
        }
        Path spec = demo ? null : file != null ? file : Path.of("scalecheck.yml");
        options.check(command, spec);
        if (options.keep) {
            throw new BadFlags(command, "--keep with ramp would leave only the last count running; use run --replicas N --keep");
        }
        List<Integer> counts = counts();
        Spec base;
        if (demo) {
            for (String fault : faults) {
                if (!DemoCommand.FAULTS.contains(fault)) {
                    throw new BadFlags(command, "unknown fault '" + fault + "'; expected one of: " + String.join(", ", DemoCommand.FAULTS));
                }
            }
            String kind = database == null ? "mariadb" : database;
            if (!DemoCommand.DATABASES.contains(kind)) {
                throw new BadFlags(command, "--database " + kind + " is not a database the demo runs on; expected one of: "
                        + String.join(", ", DemoCommand.DATABASES));
            }
            base = options.withScenarios(DemoCommand.demoSpec(faults, null, kind, options.scenarios));
        } else {
            base = options.withScenarios(SpecFiles.resolveAgainst(new SpecReader().read(spec), spec));
        }
        Spec largest = base.withReplicas(counts.get(counts.size() - 1));
        Preflight.check(largest, demo ? "the demo" : spec.toString());
        List<Spec> specs = counts.stream().map(base::withReplicas).toList();
        return launcher.launch(specs, options, keepGoing, command.commandLine().getOut(), command.commandLine().getErr());
    }

    /** --replicas as given (each in range, increasing), or --up-to's doubling. */
    private List<Integer> counts() {
        if (replicas != null && upTo != null) {
            throw new BadFlags(command, "--replicas and --up-to both give the counts; choose one");
        }
        if (replicas == null && upTo == null) {
            throw new BadFlags(command, "ramp needs the replica counts: --up-to N (1, 2, 4, ... N) or --replicas 1,2,4,8");
        }
        if (upTo != null) {
            if (upTo < 1 || upTo > Spec.MAX_REPLICAS) {
                throw new BadFlags(command, "--up-to " + upTo + " is out of range; expected a whole number from 1 to " + Spec.MAX_REPLICAS);
            }
            return Series.doubling(upTo);
        }
        for (int i = 0; i < replicas.size(); i++) {
            DemoCommand.checkReplicas(command, replicas.get(i));
            if (i > 0 && replicas.get(i) <= replicas.get(i - 1)) {
                throw new BadFlags(command, "--replicas " + String.join(",", replicas.stream().map(String::valueOf).toList())
                        + " is not in increasing order; expected each count larger than the one before, e.g. 1,2,4,8");
            }
        }
        return List.copyOf(replicas);
    }
}
