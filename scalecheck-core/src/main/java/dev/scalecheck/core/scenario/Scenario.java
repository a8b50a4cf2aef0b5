package dev.scalecheck.core.scenario;

import dev.scalecheck.core.check.CheckResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fault injected after the start-up checks, against the same deployment, judged as one check
 * in every report under its own id. A scenario leaves the deployment as it found it: every
 * replica it stopped is started again and waited for.
 */
public interface Scenario {

    /** Its name in {@code --scenario} and {@code scenarios:}, and its check's id. */
    String id();

    /** What it requires, in one sentence, for the README and the reports' evidence. */
    String rule();

    /** Injects the fault and judges what followed. */
    CheckResult run(ScenarioContext context) throws InterruptedException;

    /** Every scenario, in the order a run carries them out. */
    static List<Scenario> all() {
        return List.of(new KillLockHolder(), new RollingRestart(), new ReplicaCrash(), new DatabaseRestart(), new NodeLoss());
    }

    static List<String> ids() {
        return all().stream().map(Scenario::id).toList();
    }

    static Optional<Scenario> named(String id) {
        return all().stream().filter(scenario -> scenario.id().equals(id)).findFirst();
    }

    /** The scenarios named, in run order; an unknown name is an error that lists the known ones. */
    static List<Scenario> of(List<String> names) {
        for (String name : names) {
            if (named(name).isEmpty()) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of: " + String.join(", ", ids()));
            }
        }
        return all().stream().filter(scenario -> names.contains(scenario.id())).collect(Collectors.toList());
    }
}
