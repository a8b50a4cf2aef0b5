package dev.scalecheck.core.scenario;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One request of the workload and what became of it: acknowledged (a 2xx with a way to read the
 * item back), or failed (no answer, or any other status).
 *
 * @param phase what the scenario was doing when the request was sent ("calm", "restarting api-2")
 * @param latency from sending to the answer (or to the error)
 * @param status the HTTP status, or -1 when no answer came
 * @param read where the created item can be read back; null unless acknowledged
 * @param failure why it failed ("502", "no answer (connection reset)"), null when acknowledged
 */
public record Operation(long number, String phase, Instant sent, Duration latency, int status, URI read, String failure) {

    public boolean acknowledged() {
        return failure == null;
    }
}
