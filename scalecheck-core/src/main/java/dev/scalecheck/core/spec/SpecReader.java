package dev.scalecheck.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code scalecheck.yml}: unknown keys and wrong types are errors naming the key and the line. */
public final class SpecReader {
    private final ObjectMapper yaml;

    public SpecReader() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new DurationText.Deserializer());
        yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Spec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file + " does not exist; pass the spec with -f, or write one with 'scalecheck init'");
        } catch (IOException e) {
            throw new SpecException(file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public Spec parse(String text, String source) {
        Spec spec;
        try {
            spec = text.isBlank() ? new Spec(null, null, null, null, null, null, null, null, null, null)
                    : yaml.readValue(text, Spec.class);
        } catch (JsonProcessingException e) {
            throw new SpecException(describe(e, source, text), e);
        }
        if (spec == null) {
            spec = Spec.empty();
        }
        spec = DemoPreset.applyTo(spec);
        validate(spec, source);
        return spec;
    }

    /**
     * What a spec must say beyond its syntax, checked before anything starts.
     *
     * @throws SpecException naming the key and what to set
     */
    public static void validate(Spec spec, String source) {
        if (spec.health().path() == null) {
            throw new SpecException(source + ": health.path is missing; scalecheck polls each replica's own readiness endpoint, "
                    + "so set health.path (e.g. /actuator/health/readiness or /health)");
        }
        if (spec.orchestrator().equals("compose") && spec.health().port() == null) {
            throw new SpecException(source + ": health.port is missing; set it to the port the service listens on inside its "
                    + "container");
        }
        for (int i = 0; i < spec.local().command().size(); i++) {
            if (spec.local().command().get(i).contains("${" + Placeholders.PASSWORD + "}")) {
                throw new SpecException(source + ": local.command[" + i + "] uses ${" + Placeholders.PASSWORD + "}; a password "
                        + "must never be on a command line: pass it in local.environment (e.g. DATABASE_PASSWORD: ${"
                        + Placeholders.PASSWORD + "}) or read ${DB_PASSWORD_FILE}");
            }
        }
        if (spec.database().kind() != null) {
            try {
                dev.scalecheck.core.database.Dialect.of(spec.database().kind());
            } catch (IllegalArgumentException e) {
                throw new SpecException(source + ": database.kind: " + e.getMessage());
            }
        }
        if (spec.database().tool() != null) {
            try {
                dev.scalecheck.core.migration.MigrationTool.named(spec.database().tool());
            } catch (IllegalArgumentException e) {
                throw new SpecException(source + ": database.tool: " + e.getMessage());
            }
        }
        Spec.Auth auth = spec.probes().auth();
        if (auth != null && (auth.env() == null) == (auth.file() == null)) {
            throw new SpecException(source + ": probes.auth needs exactly one of env (an environment variable) or file, "
                    + "holding the whole header value");
        }
        Spec.Writes writes = spec.probes().writes();
        if (writes != null && writes.path() == null && writes.dataDir() == null) {
            throw new SpecException(source + ": probes.writes needs dataDir (the shared directory) or path (an endpoint with {name})");
        }
        if (writes != null && writes.path() != null && !writes.path().contains("{name}")) {
            throw new SpecException(source + ": probes.writes.path '" + writes.path() + "' has no {name}; e.g. /files/{name}");
        }
        Spec.State state = spec.probes().state();
        if (state != null && state.create() == null) {
            throw new SpecException(source + ": probes.state needs create (the path a POST stores something at)");
        }
        if (state != null && state.read() != null && !state.read().contains("{id}")) {
            throw new SpecException(source + ": probes.state.read '" + state.read() + "' has no {id}; e.g. /items/{id}, "
                    + "or leave read out to follow the create's Location header");
        }
        if (spec.replicas() < 1 || spec.replicas() > Spec.MAX_REPLICAS) {
            throw new SpecException(source + ": replicas is " + spec.replicas() + "; expected 1 to " + Spec.MAX_REPLICAS);
        }
        if (!spec.health().path().startsWith("/")) {
            throw new SpecException(source + ": health.path '" + spec.health().path() + "' must start with '/'");
        }
        if (spec.checks().lbReachesAll().requests() < 1) {
            throw new SpecException(source + ": checks.lb-reaches-all.requests must be at least 1");
        }
    }

    private static String describe(JsonProcessingException e, String source, String text) {
        JsonLocation location = e.getLocation();
        int line = location == null ? -1 : location.getLineNr();
        if (e instanceof UnrecognizedPropertyException unknown && line > 0) {
            line = lineOfKey(text, unknown.getPropertyName(), line);
        }
        String where = source + (line > 0 ? " line " + line : "");
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            return where + ": unknown key '" + unknown.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent)
                    + (known.isEmpty() ? "" : "; expected one of: " + known);
        }
        if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException
                || e instanceof MismatchedInputException) {
            String cause = rootMessage(e);
            return where + ": " + (path.isEmpty() ? "" : "'" + path + "' ") + cause;
        }
        return where + ": not valid YAML: " + e.getOriginalMessage();
    }

    /**
     * Records are built through a buffered creator, so Jackson reports an unknown key at the end
     * of its mapping; the key itself is on the last line at or before that which names it.
     */
    private static int lineOfKey(String text, String key, int reported) {
        String[] lines = text.split("\n", -1);
        Pattern named = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:");
        for (int i = Math.min(reported, lines.length) - 1; i >= 0; i--) {
            if (named.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return reported;
    }

    private static String rootMessage(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != e && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "has the wrong type; expected " + typeName(mismatch.getTargetType());
        }
        return message;
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration such as 5s, 2m or 500ms";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a map (" + type.getSimpleName() + ")";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
