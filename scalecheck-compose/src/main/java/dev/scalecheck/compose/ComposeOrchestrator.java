package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.spec.Spec;
import java.time.Clock;

/** Docker Compose v2, driven through its CLI: the seed's world. */
public final class ComposeOrchestrator implements Orchestrator {
    public static final String NAME = "compose";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment prepare(Spec spec, Clock clock) {
        return new ComposeDeployment(spec, clock);
    }
}
