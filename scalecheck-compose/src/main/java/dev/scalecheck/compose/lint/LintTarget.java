package dev.scalecheck.compose.lint;

import java.time.Duration;

/**
 * What is being linted: the scaled service, the database and load balancer services (null when
 * the model has none), when a run measured it the slowest time to healthy, and the replicas'
 * shared data directory when the spec names it ({@code probes.writes.dataDir}).
 */
public record LintTarget(String service, String database, String balancer, Duration measuredTimeToHealthy, String dataDir) {

    public LintTarget(String service, String database, String balancer, Duration measuredTimeToHealthy) {
        this(service, database, balancer, measuredTimeToHealthy, null);
    }
}
