package dev.scalecheck.swarm;

import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.spec.Spec;
import java.time.Clock;

/**
 * Docker Swarm, driven through the docker CLI against a manager: the replicas spread over
 * several hosts. The spec's {@code compose:} section names the stack files, the stack
 * ({@code project}), the database and load balancer services and the load balancer's URL.
 */
public final class SwarmOrchestrator implements Orchestrator {
    public static final String NAME = "swarm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment prepare(Spec spec, Clock clock) {
        return new SwarmDeployment(spec, clock);
    }
}
