package dev.scalecheck.core.check;

import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.List;

/**
 * After start-up no session holds a migration lock: the lock the service really took, found
 * without knowing its name (MariaDB's user-level locks, PostgreSQL's advisory locks, Liquibase's
 * DATABASECHANGELOGLOCK), and the lock
 * of {@code database.lockName} when the spec names one. Who acquired and released it is said
 * only when the logs show it.
 */
final class LockReleasedCheck extends DatabaseCheck {
    static final String ID = "lock-released";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        List<String> held = new ArrayList<>();
        for (HeldLock lock : db.locks()) {
            held.add(describe(lock, db));
        }
        boolean namedAlreadyListed = db.locks().stream().anyMatch(l -> isNamed(l, db));
        if (db.lockHolder() != null && !namedAlreadyListed) {
            held.add("lock '" + db.lockName() + "' held by connection " + db.lockHolder());
        }
        List<String> acquiredNotReleased = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            boolean acquired = evidence.firstMarker(replica.id(), Markers.Kind.LOCK_ACQUIRED).isPresent();
            boolean releasedIt = evidence.firstMarker(replica.id(), Markers.Kind.LOCK_RELEASED).isPresent();
            if (acquired && !releasedIt) {
                acquiredNotReleased.add(replica.id());
            } else if (acquired) {
                released.add(replica.id());
            }
        }
        if (!held.isEmpty()) {
            List<String> details = new ArrayList<>(held);
            acquiredNotReleased.forEach(r -> details.add(r + " logged acquiring the lock and never releasing it"));
            return CheckResult.fail(ID, held.get(0) + (held.size() > 1 ? " (and " + (held.size() - 1) + " more)" : "")
                    + " after start-up; replicas that start later will wait on it", details, List.of());
        }
        String lockTable = db.lockTable();
        if (db.locksUnavailable() != null && db.lockName() == null && lockTable == null) {
            return CheckResult.skipped(ID, db.locksUnavailable());
        }
        if (evidence.ready().isEmpty() && db.historyTable() == null) {
            return CheckResult.skipped(ID, "not judged: no replica became ready and no migration ran, so no lock was taken "
                    + "(replicas-healthy says why)");
        }
        List<String> looked = new ArrayList<>();
        if (db.locksUnavailable() == null) {
            looked.add("no lock in " + db.locksSource());
        }
        if (db.lockName() != null) {
            looked.add("'" + db.lockName() + "' free");
        }
        if (lockTable != null) {
            looked.add(lockTable + " unlocked");
        }
        return CheckResult.pass(ID, "no lock held after start-up: " + String.join(", ", looked)
                + (released.isEmpty() ? "" : "; acquired and released by " + Timeline.names(released) + " (their logs)"), looked);
    }

    private static String describe(HeldLock lock, DatabaseState db) {
        String who = lock.holder() == null ? "" : " by connection " + lock.holder()
                + (lock.replica() != null ? " of " + lock.replica() : lock.client() != null ? " from " + lock.client() : "");
        String name = isNamed(lock, db) && !lock.name().equals(db.lockName()) ? " ('" + db.lockName() + "')" : "";
        return lock.kind() + " '" + lock.name() + "'" + name + " still held" + who
                + (lock.detail() == null ? "" : " (" + lock.detail() + ")");
    }

    /**
     * Whether {@code lock} is the one {@code database.lockName} names. PostgreSQL lists an advisory
     * lock by its key, not the name it was hashed from: the session holding the named one tells it.
     */
    private static boolean isNamed(HeldLock lock, DatabaseState db) {
        return lock.name().equals(db.lockName()) || db.lockHolder() != null && db.lockHolder().equals(lock.holder());
    }
}
