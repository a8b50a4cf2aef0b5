package dev.scalecheck.core.orchestrator;

import java.time.Instant;

/**
 * One running instance of the scaled service.
 *
 * @param index 1..N as the orchestrator numbers them (compose numbers need not be contiguous)
 * @param id the replica's name, e.g. {@code api-2}
 * @param address how the orchestrator reaches it directly, e.g. {@code 127.0.0.1:41234}
 * @param startedAt when its process or container was started
 * @param node the host it runs on, where the platform spreads replicas over several (swarm); else null
 */
public record Replica(int index, String id, String address, Instant startedAt, String node) {
    /** A replica on the one machine of the run. */
    public Replica(int index, String id, String address, Instant startedAt) {
        this(index, id, address, startedAt, null);
    }
}
