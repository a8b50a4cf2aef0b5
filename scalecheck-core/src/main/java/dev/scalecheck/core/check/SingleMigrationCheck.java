package dev.scalecheck.core.check;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.Words;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.migration.MigrationRecord;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TEST-04: every migration recorded exactly once, none failed, none applied by two replicas.
 * The history table decides; the replicas' logs are a second witness of who applied what.
 * Several replicas each applying different migrations under the tool's lock is correct (Flyway
 * locks per migration).
 */
final class SingleMigrationCheck extends DatabaseCheck {
    static final String ID = "single-migration";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        List<String> problems = new ArrayList<>(failedWhileMigrating(evidence));
        if (db.historyTable() == null) {
            if (!problems.isEmpty()) {
                return CheckResult.fail(ID, problems, List.of("no history table"));
            }
            if (evidence.ready().isEmpty()) {
                return CheckResult.skipped(ID, "not judged: no replica became ready, so no migration ran to judge "
                        + "(replicas-healthy says why)");
            }
            return CheckResult.skipped(ID, "no migration history table after start-up (looked for "
                    + String.join(", ", db.lookedFor()) + "); if the service migrates, set database.tool or database.migrationTable");
        }
        String table = db.historyTable();
        Map<String, List<MigrationRecord>> byKey = db.history().stream()
                .collect(Collectors.groupingBy(MigrationRecord::key, LinkedHashMap::new, Collectors.toList()));
        byKey.forEach((key, rows) -> {
            if (rows.size() > 1) {
                Set<String> runs = rows.stream().map(MigrationRecord::run).filter(r -> r != null)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                problems.add("migration " + key + " recorded " + rows.size() + " times in " + table
                        + (runs.size() > 1 ? " (by " + runs.size() + " different runs: " + String.join(", ", runs) + ")" : ""));
            }
        });
        db.history().stream().filter(r -> !r.success()).forEach(r -> problems.add("migration " + r.key() + " recorded as failed in " + table));
        Witness witness = Witness.of(evidence);
        witness.twice().forEach((key, replicas) -> problems.add("migration " + key + " applied by "
                + Timeline.names(List.copyOf(replicas)) + " (their logs)"));
        if (witness.counted() > byKey.size()) {
            problems.add("the replicas' logs count " + witness.counted() + " migrations applied (" + witness.countsText() + ") but "
                    + table + " records " + Words.count(byKey.size(), "migration") + ": some migration ran more than once");
        }
        List<String> facts = List.of(table + ": " + String.join(", ", byKey.keySet()));
        boolean historyClean = problems.stream().noneMatch(p -> p.startsWith("migration ") || p.startsWith("the replicas' logs"));
        if (!problems.isEmpty() && historyClean && !db.history().isEmpty()) {
            problems.add(table + " itself records each of " + Words.count(byKey.size(), "migration")
                    + " once, all successful: the failure is the replica's start-up, not a migration applied twice");
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, facts);
        }
        if (db.history().isEmpty()) {
            return CheckResult.skipped(ID, table + " is empty after start-up: no migration was recorded, so there is nothing to judge");
        }
        return CheckResult.pass(ID, table + " records each of " + Words.count(byKey.size(), "migration") + " once, all successful; "
                + witness.describe(evidence.markers()), facts);
    }

    /**
     * Replicas whose start-up failed in a migration: the tool's own failure line, or a known
     * migration race, but not a death this check does not own (too many connections, a lock wait).
     */
    private static List<String> failedWhileMigrating(Evidence evidence) {
        List<String> problems = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            Optional<Cause> cause = Cause.of(evidence, replica.id());
            if (cause.isPresent() && cause.get().is(Cause.Known.CHANGELOG_RACE)) {
                problems.add(replica.id() + " failed during start-up: " + cause.get().describe());
                continue;
            }
            boolean elsewhere = cause.isPresent() && !cause.get().owner().equals(ReplicasHealthyCheck.ID);
            Optional<LogLine> failed = evidence.firstMarker(replica.id(), Markers.Kind.MIGRATION_FAILED);
            if (failed.isPresent() && !elsewhere) {
                problems.add(replica.id() + " failed while migrating: " + Timeline.quote(failed.get().text())
                        + cause.filter(c -> !c.line().equals(failed.get().text().strip())).map(c -> "; root cause " + Timeline.quote(c.line()))
                                .orElse(""));
            }
        }
        return problems;
    }

    /** Who applied what, as the replicas' logs tell it. */
    private record Witness(Map<String, Set<String>> byMigration, Map<String, Integer> counts) {

        static Witness of(Evidence evidence) {
            Map<String, Set<String>> byMigration = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            Markers markers = evidence.markers();
            boolean named = markers.pattern(Markers.Kind.MIGRATING).isPresent();
            for (Replica replica : evidence.replicas()) {
                int count = 0;
                if (named) {
                    for (LogLine line : evidence.markers(replica.id(), Markers.Kind.MIGRATING)) {
                        String key = markers.group(Markers.Kind.MIGRATING, line.text()).orElse(line.text());
                        byMigration.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(replica.id());
                        count++;
                    }
                } else {
                    for (LogLine line : evidence.markers(replica.id(), Markers.Kind.APPLIED)) {
                        count += markers.group(Markers.Kind.APPLIED, line.text()).map(Integer::parseInt).orElse(1);
                    }
                }
                if (count > 0) {
                    counts.put(replica.id(), count);
                }
            }
            return new Witness(byMigration, counts);
        }

        Map<String, Set<String>> twice() {
            Map<String, Set<String>> twice = new LinkedHashMap<>();
            byMigration.forEach((key, replicas) -> {
                if (replicas.size() > 1) {
                    twice.put(key, replicas);
                }
            });
            return twice;
        }

        int counted() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        String countsText() {
            return counts.entrySet().stream().map(e -> e.getKey() + ": " + Words.count(e.getValue(), "migration"))
                    .collect(Collectors.joining(", "));
        }

        String describe(Markers markers) {
            if (counts.isEmpty()) {
                return "no replica's log says which applied them (markers: " + markers + ")";
            }
            if (counts.size() == 1) {
                Map.Entry<String, Integer> only = counts.entrySet().iterator().next();
                return only.getKey() + " applied " + Words.count(only.getValue(), "migration");
            }
            return Words.count(counts.size(), "replica") + " applied different migrations under the lock ("
                    + countsText() + "), none twice";
        }
    }
}
