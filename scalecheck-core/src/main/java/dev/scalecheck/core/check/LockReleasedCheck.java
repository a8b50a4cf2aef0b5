package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.List;

/** After start-up no session holds the migration lock: the lock-release code ran. */
final class LockReleasedCheck extends DatabaseCheck {
    static final String ID = "lock-released";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        if (db.lockName() == null) {
            return CheckResult.skipped(ID, "no database.lockName in the spec");
        }
        List<String> acquiredNotReleased = new ArrayList<>();
        List<String> released = new ArrayList<>();
        List<String> waited = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            boolean acquired = evidence.firstMarker(replica.id(), Markers.Kind.LOCK_ACQUIRED).isPresent();
            boolean releasedIt = evidence.firstMarker(replica.id(), Markers.Kind.LOCK_RELEASED).isPresent();
            if (acquired && !releasedIt) {
                acquiredNotReleased.add(replica.id());
            } else if (acquired) {
                released.add(replica.id());
            }
            if (evidence.firstMarker(replica.id(), Markers.Kind.LOCK_WAIT).isPresent()) {
                waited.add(replica.id());
            }
        }
        String lock = "migration lock '" + db.lockName() + "'";
        if (db.lockHolder() != null) {
            List<String> details = new ArrayList<>();
            acquiredNotReleased.forEach(r -> details.add(r + " acquired the lock and never logged its release"));
            if (!waited.isEmpty()) {
                details.add("waited for it: " + Timeline.names(waited));
            }
            String blame = acquiredNotReleased.isEmpty() ? "" : " (" + Timeline.names(acquiredNotReleased)
                    + " acquired it and never released it)";
            return CheckResult.fail(ID, lock + " still held after start-up by connection " + db.lockHolder() + blame
                    + "; replicas that start later will wait on it", details, List.of("IS_USED_LOCK = " + db.lockHolder()));
        }
        return CheckResult.pass(ID, lock + " is free after start-up" + (released.isEmpty() ? ""
                : " (acquired and released by " + Timeline.names(released) + ")"), List.of("IS_USED_LOCK = NULL"));
    }
}
