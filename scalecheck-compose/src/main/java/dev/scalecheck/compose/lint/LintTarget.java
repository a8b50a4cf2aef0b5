package dev.scalecheck.compose.lint;

import java.time.Duration;

/**
 * What is being linted: the scaled service, the database and load balancer services, and, when
 * a run measured it, the slowest time to healthy.
 */
public record LintTarget(String service, String database, String balancer, Duration measuredTimeToHealthy) {}
