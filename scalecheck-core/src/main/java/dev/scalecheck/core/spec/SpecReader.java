package dev.scalecheck.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scalecheck.core.InputFile;
import java.io.IOException;
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
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public Spec read(Path file) {
        String text;
        try {
            text = InputFile.read(file, "spec", "pass the spec with -f, or write one with 'scalecheck init'");
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Reads a spec's text; every refusal is a {@link SpecException} with a one-line message naming where and what to fix. */
    public Spec parse(String text, String source) {
        if (text.length() > InputFile.MAX_BYTES) {
            throw new SpecException(source + " is longer than the spec limit of 1 MiB (" + InputFile.MAX_BYTES
                    + " bytes); is it the right file?");
        }
        if (text.indexOf('\0') >= 0) {
            throw new SpecException(source + " holds a NUL character (a binary file?); expected a spec as UTF-8 text");
        }
        SpecYaml positions = SpecYaml.read(text, source);
        Spec spec;
        try {
            spec = text.isBlank() ? null : yaml.readValue(text, Spec.class);
        } catch (JsonProcessingException e) {
            throw new SpecException(describe(e, source, text), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // a value the records refuse while being built (e.g. a duration too long to hold)
            throw new SpecException(source + ": " + InputFile.oneLine(e.getMessage()), e);
        }
        if (spec == null) {
            spec = Spec.empty();
        }
        spec = DemoPreset.applyTo(spec);
        validate(spec, positions);
        return spec;
    }

    /**
     * What a spec must say beyond its syntax, checked before anything starts.
     *
     * @throws SpecException naming the key and what to set
     */
    public static void validate(Spec spec, String source) {
        validate(spec, SpecYaml.none(source));
    }

    private static void validate(Spec spec, SpecYaml at) {
        if (spec.health().path() == null) {
            throw new SpecException(at.at("health") + ": health.path is missing; scalecheck polls each replica's own readiness endpoint, "
                    + "so set health.path (e.g. /actuator/health/readiness or /health)");
        }
        if ((spec.orchestrator().equals("compose") || spec.orchestrator().equals("swarm")) && spec.health().port() == null) {
            throw new SpecException(at.at("health") + ": health.port is missing; set it to the port the service listens on inside its "
                    + "container");
        }
        for (int i = 0; i < spec.local().command().size(); i++) {
            if (spec.local().command().get(i).contains("${" + Placeholders.PASSWORD + "}")) {
                throw new SpecException(at.at("local.command[" + i + "]") + ": local.command[" + i + "] uses ${"
                        + Placeholders.PASSWORD + "}; a password must never be on a command line: pass it in local.environment "
                        + "(e.g. DATABASE_PASSWORD: ${" + Placeholders.PASSWORD + "}) or read ${DB_PASSWORD_FILE}");
            }
        }
        if (spec.database().kind() != null) {
            try {
                dev.scalecheck.core.database.Dialect.of(spec.database().kind());
            } catch (IllegalArgumentException e) {
                throw new SpecException(at.at("database.kind") + ": database.kind: " + e.getMessage());
            }
        }
        if (spec.database().tool() != null) {
            try {
                dev.scalecheck.core.migration.MigrationTool.named(spec.database().tool());
            } catch (IllegalArgumentException e) {
                throw new SpecException(at.at("database.tool") + ": database.tool: " + e.getMessage());
            }
        }
        Spec.Auth auth = spec.probes().auth();
        if (auth != null && (auth.env() == null) == (auth.file() == null)) {
            throw new SpecException(at.at("probes.auth") + ": probes.auth needs exactly one of env (an environment variable) or file, "
                    + "holding the whole header value");
        }
        Spec.Writes writes = spec.probes().writes();
        if (writes != null && writes.path() == null && writes.dataDir() == null) {
            throw new SpecException(at.at("probes.writes") + ": probes.writes needs dataDir (the shared directory) or path (an endpoint with {name})");
        }
        if (writes != null && writes.path() != null && !writes.path().contains("{name}")) {
            throw new SpecException(at.at("probes.writes.path") + ": probes.writes.path '" + writes.path() + "' has no {name}; e.g. /files/{name}");
        }
        Spec.State state = spec.probes().state();
        if (state != null && state.create() == null) {
            throw new SpecException(at.at("probes.state") + ": probes.state needs create (the path a POST stores something at)");
        }
        if (state != null && state.read() != null && !state.read().contains("{id}")) {
            throw new SpecException(at.at("probes.state.read") + ": probes.state.read '" + state.read() + "' has no {id}; e.g. /items/{id}, "
                    + "or leave read out to follow the create's Location header");
        }
        SpecRanges.check(spec, at);
    }

    private static String describe(JsonProcessingException e, String source, String text) {
        JsonLocation location = e.getLocation();
        int line = location == null ? -1 : location.getLineNr();
        int column = location == null ? -1 : location.getColumnNr();
        if (e instanceof UnrecognizedPropertyException unknown && line > 0) {
            line = lineOfKey(text, unknown.getPropertyName(), line);
            int key = columnOfKey(text, unknown.getPropertyName(), line);
            column = key > 0 ? key : column;
        }
        String where = source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
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
            return where + ": " + (path.isEmpty() ? "" : "'" + path + "' ") + InputFile.oneLine(cause);
        }
        if (e instanceof InputCoercionException || String.valueOf(e.getOriginalMessage()).contains(" out of range of ")) {
            return where + ": " + (path.isEmpty() ? "" : "'" + path + "' ") + "is out of range; expected a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", such as 4";
        }
        return where + ": not valid YAML: " + InputFile.oneLine(e.getOriginalMessage());
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

    /** The column of {@code key} on its 1-based line, or -1. */
    private static int columnOfKey(String text, String key, int line) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return -1;
        }
        int index = lines[line - 1].indexOf(key);
        return index < 0 ? -1 : index + 1;
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
        if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof Number number
                && (invalid.getTargetType() == Integer.class || invalid.getTargetType() == int.class)) {
            return "is " + number + "; expected a whole number such as 4";
        }
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
