package dev.scalecheck.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions that find start-up steps in replica logs. A preset ({@code demo},
 * {@code flyway}, {@code liquibase}) or a map of the kinds below, optionally on top of a preset
 * ({@code preset: flyway}). A kind without a pattern is simply not looked for.
 */
public final class Markers {

    /** The start-up steps a marker can name. */
    public enum Kind {
        /** the process began its start-up (e.g. its pool was created) */
        STARTUP("startup"),
        /** it is waiting for another replica's migration lock */
        LOCK_WAIT("lockWait"),
        LOCK_ACQUIRED("lockAcquired"),
        LOCK_RELEASED("lockReleased"),
        /** it began applying one migration; group 1 names it as the history table does */
        MIGRATING("migrating"),
        /** it applied migrations; group 1, when present, is how many */
        APPLIED("applied"),
        /** it found the schema current (fast path, or after waiting) */
        UP_TO_DATE("upToDate"),
        /** its start-up is complete */
        READY("ready"),
        /** a migration failed (the migration tool's own failure, not any start-up error) */
        MIGRATION_FAILED("migrationFailed"),
        /** start-up failed */
        FATAL("fatal");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static final Map<String, Map<Kind, String>> PRESETS = Map.of(
            "demo", Map.of(
                    Kind.STARTUP, "Database pool created",
                    Kind.LOCK_WAIT, "Waiting for migration lock",
                    Kind.LOCK_ACQUIRED, "Acquired migration lock",
                    Kind.LOCK_RELEASED, "Released migration lock",
                    Kind.APPLIED, "Migrations complete \\((\\d+) applied",
                    Kind.UP_TO_DATE, "Fast path: schema up to date|Another replica completed migrations while we waited",
                    Kind.READY, "Ready on port",
                    Kind.MIGRATION_FAILED, "FATAL: (applying \\S+ failed|Flyway migrate failed)",
                    Kind.FATAL, "FATAL: "),
            "flyway", Map.of(
                    Kind.MIGRATING, "Migrating schema \\S+ to version \"?([^\" ]+)",
                    Kind.APPLIED, "Successfully applied (\\d+) migrations?",
                    Kind.UP_TO_DATE, "is up to date\\. No migration necessary",
                    Kind.MIGRATION_FAILED, "Migration of schema .* failed|FlywayMigrateException|FlywaySqlException",
                    Kind.FATAL, "FlywayException|FlywayValidateException|Application run failed"),
            "liquibase", Map.of(
                    Kind.LOCK_WAIT, "Waiting for changelog lock",
                    Kind.LOCK_ACQUIRED, "Successfully acquired change ?log lock",
                    Kind.LOCK_RELEASED, "Successfully released change ?log lock",
                    Kind.MIGRATING, "ChangeSet (\\S+) ran successfully",
                    Kind.UP_TO_DATE, "Database is up to date, no changesets to execute",
                    Kind.MIGRATION_FAILED, "Migration failed for change ?set|Table '?DATABASECHANGELOG'? already exists",
                    Kind.FATAL, "liquibase\\.exception|Application run failed"));

    /** The presets' names, for messages. */
    public static List<String> presets() {
        return PRESETS.keySet().stream().sorted().toList();
    }

    private final String preset;
    private final String description;
    private final Map<Kind, Pattern> patterns;

    private Markers(String preset, String description, Map<Kind, Pattern> patterns) {
        this.preset = preset;
        this.description = description;
        this.patterns = Map.copyOf(patterns);
    }

    /** A preset by name. */
    @JsonCreator
    public static Markers preset(String name) {
        Map<Kind, String> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown marker preset '" + name + "'; expected one of "
                    + String.join(", ", presets()) + " or a map of patterns");
        }
        return compile(name, name, preset);
    }

    /** No markers at all: every step is judged from the database and the endpoints alone. */
    public static Markers none() {
        return new Markers("custom", "none", Map.of());
    }

    /** A map of {@code kind: regex}, with an optional {@code preset} underneath. */
    @JsonCreator
    public static Markers custom(Map<String, String> entries) {
        Map<Kind, String> merged = new LinkedHashMap<>();
        String base = entries.get("preset");
        if (base != null) {
            preset(base);
            merged.putAll(PRESETS.get(base));
        }
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getKey().equals("preset")) {
                continue;
            }
            Kind kind = kindOf(entry.getKey());
            merged.put(kind, entry.getValue());
        }
        return compile(base == null ? "custom" : base, base == null ? "custom" : base + "+custom", merged);
    }

    private static Kind kindOf(String key) {
        for (Kind kind : Kind.values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        StringBuilder known = new StringBuilder("preset");
        for (Kind kind : Kind.values()) {
            known.append(", ").append(kind.key);
        }
        throw new IllegalArgumentException("unknown marker '" + key + "'; expected one of " + known);
    }

    private static Markers compile(String preset, String description, Map<Kind, String> regexes) {
        Map<Kind, Pattern> compiled = new LinkedHashMap<>();
        for (Map.Entry<Kind, String> entry : regexes.entrySet()) {
            try {
                compiled.put(entry.getKey(), Pattern.compile(entry.getValue()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("marker '" + entry.getKey().key + "' is not a valid regular expression: "
                        + e.getDescription() + " in '" + entry.getValue() + "'");
            }
        }
        return new Markers(preset, description, compiled);
    }

    public Optional<Pattern> pattern(Kind kind) {
        return Optional.ofNullable(patterns.get(kind));
    }

    /** Whether the line (its ANSI colour codes already stripped, see {@link dev.scalecheck.core.LogLine}) has this marker. */
    public boolean matches(Kind kind, String line) {
        Pattern pattern = patterns.get(kind);
        return pattern != null && pattern.matcher(line).find();
    }

    /** Whether the line (ANSI codes stripped) has any of these markers. */
    public boolean matchesAny(String line) {
        for (Pattern pattern : patterns.values()) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /** The marker's first group in the line (a count or a migration's name), when it matches and has one. */
    public Optional<String> group(Kind kind, String line) {
        Pattern pattern = patterns.get(kind);
        if (pattern == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(line);
        if (matcher.find() && matcher.groupCount() >= 1 && matcher.group(1) != null) {
            return Optional.of(matcher.group(1));
        }
        return Optional.empty();
    }

    /** The preset underneath: {@code demo}, {@code flyway}, {@code liquibase}, or {@code custom}. */
    public String preset() {
        return preset;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
