package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.ConnectionUse;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * replicas x pool size + margin must fit in the database's max_connections. Each replica's pool
 * is the most connections the database itself listed for it at once (no cooperation from the
 * service), or more when the spec or the readiness answer says so. Replicas the database
 * refused ("Too many connections") are this check's finding, with the arithmetic.
 */
final class ConnectionHeadroomCheck extends DatabaseCheck {
    static final String ID = "connection-headroom";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        if (db.maxConnections() == null) {
            return CheckResult.error(ID, "the database did not say its max_connections");
        }
        ConnectionUse use = db.connections();
        Integer configured = evidence.spec().checks().connectionHeadroom().poolSize();
        int margin = evidence.spec().checks().connectionHeadroom().margin();
        Map<String, Integer> pools = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        // replicas of one service share its pool configuration: a replica seen with fewer
        // connections had not filled its pool yet (or died first), so the most any held counts
        Integer observed = use.peakByReplica().values().stream().max(Integer::compare).orElse(null);
        for (Replica replica : evidence.replicas()) {
            max(observed, evidence.health(replica.id()).map(ReplicaHealth::poolMax).orElse(null), configured)
                    .ifPresent(size -> pools.put(replica.id(), size));
            Cause.of(evidence, replica.id()).filter(c -> c.is(Cause.Known.TOO_MANY_CONNECTIONS))
                    .filter(c -> !evidence.health(replica.id()).map(ReplicaHealth::ready).orElse(false))
                    .ifPresent(c -> refused.add(replica.id() + " never became ready: " + c.describe()));
        }
        if (pools.isEmpty()) {
            String why = use.unavailable() != null ? use.unavailable()
                    : "no replica's connection was seen in the database's process list";
            return refused.isEmpty()
                    ? CheckResult.skipped(ID, why + "; set checks.connection-headroom.poolSize to each replica's pool size")
                    : CheckResult.fail(ID, refused.get(0) + "; the pool size is unknown (" + why
                            + "), set checks.connection-headroom.poolSize for the arithmetic", refused, List.of());
        }
        int typical = pools.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        evidence.replicas().forEach(replica -> pools.putIfAbsent(replica.id(), typical));
        int total = pools.values().stream().mapToInt(Integer::intValue).sum();
        int needed = total + margin;
        String poolText = pools.values().stream().distinct().count() == 1
                ? Words.count(pools.size(), "replica") + " x pool " + typical
                : pools.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" + "));
        String sum = poolText + " = " + Words.count(total, "connection") + " + margin " + margin + " = " + needed;
        boolean reported = evidence.health().values().stream().anyMatch(h -> h.poolMax() != null);
        String source = source(use, reported ? evidence.spec().checks().connectionHeadroom().poolField() : null, configured);
        List<String> facts = new ArrayList<>();
        use.peakByReplica().forEach((replica, peak) -> facts.add(replica + ": at most " + Words.count(peak, "connection")
                + " at once in the database's process list"));
        if (use.unavailable() == null) {
            facts.add("at most " + Words.count(use.peakTotal(), "session") + " at once in all, and at most " + use.peakUntraced()
                    + " at once not traced to a running replica (scalecheck's own, other clients, replicas that had ended), in "
                    + Words.count(use.samples(), "reading") + " of the process list");
        }
        if (needed > db.maxConnections() || !refused.isEmpty()) {
            List<String> details = new ArrayList<>(refused);
            details.addAll(facts);
            String verdict = needed > db.maxConnections() ? " > max_connections " + db.maxConnections()
                    + ": under load some replicas cannot get a connection" : " <= max_connections " + db.maxConnections()
                    + ", yet the database refused connections";
            String dead = refused.isEmpty() ? "" : "; " + Words.count(refused.size(), "replica") + " refused (first: " + refused.get(0) + ")";
            return CheckResult.fail(ID, sum + verdict + dead + " (" + source + ")", details, List.of());
        }
        return CheckResult.pass(ID, sum + " <= max_connections " + db.maxConnections() + " (" + source + ")", facts);
    }

    private static Optional<Integer> max(Integer... values) {
        Integer best = null;
        for (Integer value : values) {
            if (value != null && (best == null || value > best)) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String source(ConnectionUse use, String poolField, Integer configured) {
        List<String> parts = new ArrayList<>();
        if (!use.peakByReplica().isEmpty()) {
            parts.add("pool = the most connections one replica held at once, as the database listed them");
        }
        if (poolField != null) {
            parts.add("or the readiness answer's " + poolField + " when larger");
        }
        if (configured != null) {
            parts.add("at least poolSize " + configured + " from the spec");
        }
        return String.join("; ", parts);
    }
}
