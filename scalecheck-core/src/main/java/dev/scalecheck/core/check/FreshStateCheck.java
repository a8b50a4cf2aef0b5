package dev.scalecheck.core.check;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import java.util.List;
import java.util.Locale;

/** Pitfall 1: the migration table did not exist before the replicas started, so a migration race could show. */
final class FreshStateCheck extends DatabaseCheck {
    static final String ID = "fresh-state";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        List<String> wanted = db.lookedFor().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        List<String> stale = db.tablesBeforeReplicas().stream()
                .filter(t -> wanted.contains(t.toLowerCase(Locale.ROOT))).toList();
        if (!stale.isEmpty()) {
            return CheckResult.fail(ID, Timeline.names(stale) + " already existed before the replicas started, so every replica "
                    + "could skip migrating and hide a race; start from an empty database (docker compose down -v)",
                    List.of("tables before the replicas: " + String.join(", ", db.tablesBeforeReplicas())), List.of());
        }
        return CheckResult.pass(ID, "schema '" + evidence.spec().database().name() + "' had "
                + (db.tablesBeforeReplicas().isEmpty() ? "no tables" : "no migration table ("
                        + Words.count(db.tablesBeforeReplicas().size(), "other table") + ")") + " before the replicas started", List.of());
    }
}
