package dev.scalecheck.core.evidence;

import java.util.Map;
import java.util.TreeMap;

/**
 * Connections as the database itself listed them, sampled while the replicas ran: the most
 * each replica held at once, traced from the client address of each session.
 *
 * @param peakByReplica the most sessions each replica held in one sample
 * @param peakUntraced the most sessions in one sample that could not be traced to a replica (other clients)
 * @param peakTotal the most sessions in one sample, all clients together
 * @param samples how many times the process list was read
 * @param unavailable why the process list could not be read, else null
 */
public record ConnectionUse(Map<String, Integer> peakByReplica, int peakUntraced, int peakTotal, int samples,
        String unavailable) {

    public ConnectionUse {
        peakByReplica = peakByReplica == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(peakByReplica));
    }

    public static ConnectionUse none(String why) {
        return new ConnectionUse(Map.of(), 0, 0, 0, why);
    }
}
