package dev.scalecheck.cli;

import dev.scalecheck.core.scenario.Scenario;
import dev.scalecheck.core.spec.Spec;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that runs a scaling test shares. */
final class RunOptions {
    static final int MAX_REPEAT = 1000;

    @Option(names = "--keep", description = "Leave everything running after the checks; Ctrl-C removes it.")
    boolean keep;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "After the start-up checks, run this fault scenario (repeatable): ${COMPLETION-CANDIDATES}.",
            completionCandidates = ScenarioNames.class)
    List<String> scenarios = List.of();

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "Run K times, each on a fresh deployment, and report each check's pass rate; PASS only when every run "
                    + "passes (default: ${DEFAULT-VALUE}).")
    int repeat = 1;

    @CommandLine.Mixin
    ReportOutputs reports = new ReportOutputs();

    @CommandLine.Mixin
    ConsoleOptions console = new ConsoleOptions();

    /** Flags that contradict each other or name a report file that cannot be written; {@code inputs} must not be overwritten. */
    void check(CommandLine.Model.CommandSpec command, java.nio.file.Path... inputs) {
        for (String scenario : scenarios) {
            if (Scenario.named(scenario).isEmpty()) {
                throw new BadFlags(command, "--scenario " + scenario + " is not a scenario; expected one of: "
                        + String.join(", ", Scenario.ids()));
            }
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new BadFlags(command, "--repeat " + repeat + " is out of range; expected a whole number from 1 to " + MAX_REPEAT);
        }
        if (keep && repeat > 1) {
            throw new BadFlags(command, "--keep with --repeat " + repeat + " would leave only the last run running; use --keep "
                    + "without --repeat");
        }
        console.check(command);
        reports.check(command, inputs);
    }

    /** The spec's scenarios and those of {@code --scenario}, each once. */
    Spec withScenarios(Spec spec) {
        LinkedHashSet<String> all = new LinkedHashSet<>(spec.scenarios());
        all.addAll(scenarios);
        return spec.withScenarios(List.copyOf(all));
    }

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenario.ids().iterator();
        }
    }
}
