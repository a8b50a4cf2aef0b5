package dev.scalecheck.core.orchestrator;

import dev.scalecheck.core.spec.Spec;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * SPI: brings a deployment up and down and reaches into it. Implementations are found with
 * {@link ServiceLoader} by {@link #name()} ({@code local}, {@code compose}).
 */
public interface Orchestrator {

    /** The name a spec's {@code orchestrator:} selects. */
    String name();

    /** Prepares one run's deployment; nothing starts until the runner asks. */
    Deployment prepare(Spec spec, Clock clock);

    /**
     * Removes what runs of this orchestrator left behind when their scalecheck process died
     * without tearing down, leaving live runs alone; one line per run removed.
     */
    default List<String> removeLeftovers() {
        return List.of();
    }

    /** Every orchestrator on the class path. */
    static List<Orchestrator> all() {
        return ServiceLoader.load(Orchestrator.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The orchestrator named {@code name}, or an error listing the ones on the class path. */
    static Orchestrator named(String name) {
        List<Orchestrator> all = all();
        return all.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown orchestrator '" + name + "'; expected one of: "
                        + all.stream().map(Orchestrator::name).sorted().collect(Collectors.joining(", "))));
    }
}
