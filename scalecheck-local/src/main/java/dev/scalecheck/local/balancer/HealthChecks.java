package dev.scalecheck.local.balancer;

import java.time.Duration;

/**
 * How the load balancer checks its backends, in HAProxy's terms ({@code option httpchk GET
 * <path>}, {@code check inter <interval> fall <fall> rise <rise>}, {@code timeout check}).
 *
 * @param path the path asked with GET; a 2xx or 3xx answer passes; null for a connection alone (a layer-4 check)
 * @param interval from the start of one check of a backend to the start of the next
 * @param timeout for connecting and answering
 * @param fall consecutive failures that take a backend out of the rotation
 * @param rise consecutive successes that put it back
 */
public record HealthChecks(String path, Duration interval, Duration timeout, int fall, int rise) {

    public HealthChecks {
        if (fall < 1 || rise < 1) {
            throw new IllegalArgumentException("fall and rise must be at least 1, not " + fall + " and " + rise);
        }
    }

    /** HAProxy's usual settings: {@code inter 1s fall 2 rise 1}, answers within a second. */
    public static HealthChecks haproxy(String path) {
        return new HealthChecks(path, Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1);
    }
}
