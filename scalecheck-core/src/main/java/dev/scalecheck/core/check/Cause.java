package dev.scalecheck.core.check;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a replica died or never became ready, read from its own log: a known cause with a
 * one-line explanation and the check whose finding it is, else the root cause of its last
 * exception (the deepest {@code Caused by}), else its fatal marker or last line.
 *
 * @param owner the id of the check whose finding this is
 * @param line the log line that shows it, ANSI codes stripped
 * @param explanation what it means, in one line; null for an unknown cause
 */
record Cause(Known known, String owner, String line, String explanation) {

    /** Causes seen in real scaled deployments, each judged by one check. */
    enum Known {
        CHANGELOG_RACE(SingleMigrationCheck.ID, "(?i)Table '?(?:\\w+\\.)?DATABASECHANGELOG'? already exists"
                        + "|relation \"?(?:\\w+\\.)?databasechangelog\"? already exists|\\(typname, typnamespace\\)=\\(databasechangelog,",
                "Liquibase creates DATABASECHANGELOG before it takes its lock, so replicas starting together race to create it "
                        + "(Liquibase issue 5254); start one replica first or run the update as a separate step",
                "already exists", "typname"),
        TOO_MANY_CONNECTIONS(ConnectionHeadroomCheck.ID, "Too many connections|too many clients already|remaining connection slots",
                "the database refused a connection: its max_connections was used up",
                "too many connections", "too many clients already", "remaining connection slots"),
        LOCK_WAIT_TIMEOUT(LockReleasedCheck.ID,
                "Lock wait timeout exceeded|canceling statement due to lock timeout|Could not acquire change ?log lock"
                        + "|timed out after .* waiting for .*lock",
                "it gave up waiting for a lock another replica held",
                "lock wait timeout exceeded", "canceling statement due to lock timeout", "could not acquire change", "timed out after"),
        CONNECTOR_J_KEYWORDS(ReplicasHealthyCheck.ID, "HHH000339.*Unknown column 'RESERVED'",
                "MySQL Connector/J asked MariaDB for INFORMATION_SCHEMA.KEYWORDS.RESERVED, which MariaDB has not got, and "
                        + "Hibernate could not read the database's metadata; add ?useInformationSchema=false to the JDBC URL",
                "hhh000339"),
        UNKNOWN(ReplicasHealthyCheck.ID, null, null);

        private final String owner;
        private final Pattern pattern;
        private final String explanation;
        /** Lower-case words one of which every line the pattern finds holds: a cheap test before the pattern's. */
        private final List<String> hints;

        Known(String owner, String regex, String explanation, String... hints) {
            this.owner = owner;
            this.pattern = regex == null ? null : Pattern.compile(regex);
            this.explanation = explanation;
            this.hints = List.of(hints);
        }

        /** Whether the pattern may find something in a line whose lower case is {@code lower}. */
        boolean mayMatch(String lower) {
            return hints.isEmpty() || hints.stream().anyMatch(lower::contains);
        }
    }

    private static final Pattern CAUSED_BY = Pattern.compile("^\\s*Caused by: (.+)$");

    /** Whether {@link #of} may quote this line (ANSI codes stripped): a known cause or an exception's {@code Caused by}. */
    static boolean mayExplain(String line) {
        // every line of a log goes through here: the patterns run only on lines that hold one of their words
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        for (Known known : Known.values()) {
            if (known.pattern != null && known.mayMatch(lower) && known.pattern.matcher(line).find()) {
                return true;
            }
        }
        return CAUSED_BY.matcher(line).matches();
    }

    /** The cause in the replica's log, or empty when its log shows nothing wrong. */
    static Optional<Cause> of(Evidence evidence, String replica) {
        List<LogLine> lines = evidence.logsOf(replica);
        for (Known known : Known.values()) {
            if (known.pattern == null) {
                continue;
            }
            for (LogLine line : lines) {
                if (known.pattern.matcher(line.text()).find()) {
                    return Optional.of(new Cause(known, known.owner, line.text().strip(), known.explanation));
                }
            }
        }
        String deepest = null;
        for (LogLine line : lines) {
            var matcher = CAUSED_BY.matcher(line.text());
            if (matcher.matches()) {
                deepest = matcher.group(1);
            }
        }
        if (deepest != null) {
            return Optional.of(new Cause(Known.UNKNOWN, Known.UNKNOWN.owner, deepest.strip(), null));
        }
        return evidence.firstMarker(replica, Markers.Kind.MIGRATION_FAILED)
                .or(() -> evidence.firstMarker(replica, Markers.Kind.FATAL))
                .map(line -> new Cause(Known.UNKNOWN, Known.UNKNOWN.owner, line.text().strip(), null));
    }

    /** The cause as a reason: the explanation and the quoted line, or the line alone. */
    String describe() {
        return explanation == null ? Timeline.quote(line) : explanation + " (" + Timeline.quote(line) + ")";
    }

    boolean is(Known kind) {
        return known == kind;
    }
}
