package dev.scalecheck.local;

import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.spec.Spec;
import java.time.Clock;
import java.util.List;

/** The default orchestrator: an embedded MariaDB, N local processes and an embedded load balancer, all on 127.0.0.1. */
public final class LocalOrchestrator implements Orchestrator {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment prepare(Spec spec, Clock clock) {
        return new LocalDeployment(spec, clock);
    }

    /** Run directories whose owner is gone, with the database and replicas still running from them. */
    @Override
    public List<String> removeLeftovers() {
        return LeftoverRuns.removeDead();
    }
}
