package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pitfall 1: the migration table did not exist before the replicas started, so a migration race could show. */
final class FreshStateCheck extends DatabaseCheck {
    static final String ID = "fresh-state";
    static final List<String> KNOWN_TABLES = List.of("flyway_schema_history", "schema_version", "databasechangelog");

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        List<String> wanted = new ArrayList<>(KNOWN_TABLES);
        String configured = evidence.spec().database().migrationTable();
        if (configured != null) {
            wanted.add(configured.toLowerCase(Locale.ROOT));
        }
        List<String> stale = db.tablesBeforeReplicas().stream()
                .filter(t -> wanted.contains(t.toLowerCase(Locale.ROOT))).toList();
        if (!stale.isEmpty()) {
            return CheckResult.fail(ID, Timeline.names(stale) + " already existed before the replicas started, so every replica "
                    + "could skip migrating and hide a race; start from an empty database (docker compose down -v)",
                    List.of("tables before the replicas: " + String.join(", ", db.tablesBeforeReplicas())), List.of());
        }
        return CheckResult.pass(ID, "schema '" + evidence.spec().database().name() + "' had "
                + (db.tablesBeforeReplicas().isEmpty() ? "no tables" : "no migration table (" + db.tablesBeforeReplicas().size()
                        + " other tables)") + " before the replicas started", List.of());
    }
}
