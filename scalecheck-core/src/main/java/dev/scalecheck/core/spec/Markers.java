package dev.scalecheck.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        /** it applied migrations; group 1, when present, is how many */
        APPLIED("applied"),
        /** it found the schema current (fast path, or after waiting) */
        UP_TO_DATE("upToDate"),
        /** its start-up is complete */
        READY("ready"),
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
                    Kind.FATAL, "FATAL: "),
            "flyway", Map.of(
                    Kind.APPLIED, "Successfully applied (\\d+) migrations?",
                    Kind.UP_TO_DATE, "is up to date\\. No migration necessary",
                    Kind.FATAL, "Migration .* failed|FlywayException|FlywayValidateException"),
            "liquibase", Map.of(
                    Kind.STARTUP, "Starting Liquibase",
                    Kind.LOCK_WAIT, "Waiting for changelog lock",
                    Kind.LOCK_ACQUIRED, "Successfully acquired change log lock",
                    Kind.LOCK_RELEASED, "Successfully released change log lock",
                    Kind.APPLIED, "Update has been successful\\. Rows affected: (\\d+)|ChangeSet .* ran successfully",
                    Kind.UP_TO_DATE, "Database is up to date, no changesets to execute",
                    Kind.FATAL, "liquibase\\.exception|Table 'DATABASECHANGELOG' already exists"));

    private final String description;
    private final Map<Kind, Pattern> patterns;

    private Markers(String description, Map<Kind, Pattern> patterns) {
        this.description = description;
        this.patterns = Map.copyOf(patterns);
    }

    /** A preset by name. */
    @JsonCreator
    public static Markers preset(String name) {
        Map<Kind, String> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown marker preset '" + name + "'; expected one of "
                    + String.join(", ", PRESETS.keySet().stream().sorted().toList()) + " or a map of patterns");
        }
        return compile(name, preset);
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
        return compile(base == null ? "custom" : base + "+custom", merged);
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

    private static Markers compile(String description, Map<Kind, String> regexes) {
        Map<Kind, Pattern> compiled = new LinkedHashMap<>();
        for (Map.Entry<Kind, String> entry : regexes.entrySet()) {
            try {
                compiled.put(entry.getKey(), Pattern.compile(entry.getValue()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("marker '" + entry.getKey().key + "' is not a valid regular expression: "
                        + e.getDescription() + " in '" + entry.getValue() + "'");
            }
        }
        return new Markers(description, compiled);
    }

    public Optional<Pattern> pattern(Kind kind) {
        return Optional.ofNullable(patterns.get(kind));
    }

    public boolean matches(Kind kind, String line) {
        Pattern pattern = patterns.get(kind);
        return pattern != null && pattern.matcher(line).find();
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
