package dev.scalecheck.core.check;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.spec.Markers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * TEST-04: the database records each migration once and none failed (it decides); the logs say
 * which replica applied them, and exactly one may have.
 */
final class SingleMigrationCheck extends DatabaseCheck {
    static final String ID = "single-migration";

    @Override
    public String id() {
        return ID;
    }

    @Override
    CheckResult evaluate(Evidence evidence, DatabaseState db) {
        List<String> problems = new ArrayList<>();
        List<String> appliers = new ArrayList<>();
        for (Replica replica : evidence.replicas()) {
            int applied = applied(evidence, replica.id());
            if (applied > 0) {
                appliers.add(replica.id() + " (" + applied + ")");
            }
            evidence.firstMarker(replica.id(), Markers.Kind.FATAL).ifPresent(fatal ->
                    problems.add(replica.id() + " failed during start-up: " + Timeline.quote(fatal.text())));
        }
        if (db.historyTable() == null) {
            problems.add(0, "no migration history table (flyway_schema_history, schema_version, DATABASECHANGELOG"
                    + (evidence.spec().database().migrationTable() == null ? "" : ", " + evidence.spec().database().migrationTable())
                    + ") exists after start-up");
        } else {
            Map<String, Long> counts = db.history().stream()
                    .collect(Collectors.groupingBy(DatabaseState.MigrationRecord::key, java.util.LinkedHashMap::new,
                            Collectors.counting()));
            counts.forEach((key, count) -> {
                if (count > 1) {
                    problems.add(0, "migration " + key + " recorded " + count + " times in " + db.historyTable());
                }
            });
            db.history().stream().filter(r -> !r.success()).forEach(r ->
                    problems.add(0, "migration " + r.key() + " recorded as failed in " + db.historyTable()));
        }
        if (appliers.size() > 1) {
            problems.add(0, appliers.size() + " replicas applied migrations: " + Timeline.names(appliers));
        }
        List<String> facts = List.of(db.historyTable() == null ? "no history table"
                : db.historyTable() + ": " + db.history().stream().map(DatabaseState.MigrationRecord::key)
                        .collect(Collectors.joining(", ")));
        if (!problems.isEmpty()) {
            return CheckResult.fail(ID, problems, facts);
        }
        String who = appliers.isEmpty() ? "no replica logged applying them (markers: " + evidence.spec().markers() + ")"
                : appliers.get(0).replaceFirst(" \\((\\d+)\\)", " applied $1 migrations");
        return CheckResult.pass(ID, who + "; " + db.historyTable() + " records each of " + db.history().size()
                + " migrations once, all successful", facts);
    }

    /** How many migrations a replica's log says it applied (1 when the marker has no count). */
    private static int applied(Evidence evidence, String replica) {
        Function<LogLine, Integer> count = line -> {
            Matcher matcher = evidence.spec().markers().pattern(Markers.Kind.APPLIED).orElseThrow().matcher(line.text());
            if (matcher.find() && matcher.groupCount() >= 1 && matcher.group(1) != null) {
                return Integer.parseInt(matcher.group(1));
            }
            return 1;
        };
        return evidence.markers(replica, Markers.Kind.APPLIED).stream().mapToInt(count::apply).sum();
    }
}
