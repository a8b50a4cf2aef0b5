package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** replicas x pool size + margin must fit in the database's max_connections. */
final class ConnectionHeadroomCheck implements Check {
    static final String ID = "connection-headroom";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(Evidence evidence) {
        DatabaseState db = evidence.database();
        if (db.maxConnections() == null) {
            return CheckResult.error(ID, "max_connections unknown" + (db.error() == null ? "" : ": " + db.error()));
        }
        Integer configured = evidence.spec().checks().connectionHeadroom().poolSize();
        int margin = evidence.spec().checks().connectionHeadroom().margin();
        Map<String, Integer> pools = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            Integer reported = evidence.health(replica.id()).map(ReplicaHealth::poolMax).orElse(null);
            Integer pool = reported != null ? reported : configured;
            if (pool == null) {
                unknown.add(replica.id());
            } else {
                pools.put(replica.id(), pool);
            }
        }
        if (!unknown.isEmpty()) {
            return CheckResult.error(ID, "pool size unknown for " + Timeline.names(unknown) + ": its readiness answer has no "
                    + "pool.max; set checks.connection-headroom.poolSize");
        }
        int total = pools.values().stream().mapToInt(Integer::intValue).sum();
        int needed = total + margin;
        String poolText = pools.values().stream().distinct().count() == 1
                ? pools.size() + " replicas x pool " + pools.values().iterator().next()
                : pools.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" + "));
        String measured = db.threadsConnected() == null ? "" : "; Threads_connected " + db.threadsConnected();
        String sum = poolText + " = " + total + " connections + margin " + margin;
        if (needed > db.maxConnections()) {
            List<String> details = pools.entrySet().stream().map(e -> e.getKey() + " pool max " + e.getValue()).toList();
            return CheckResult.fail(ID, sum + " = " + needed + " > max_connections " + db.maxConnections() + measured
                    + ": under load some replicas cannot get a connection", details, List.of());
        }
        return CheckResult.pass(ID, sum + " = " + needed + " <= max_connections " + db.maxConnections() + measured, List.of());
    }
}
