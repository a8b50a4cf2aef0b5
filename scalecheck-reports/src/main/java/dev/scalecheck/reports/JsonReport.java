package dev.scalecheck.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.run.RunReport;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON form of a run: {@code {"version": 1, "run": {...}}}, instants as ISO-8601 UTC,
 * durations as ISO-8601 ({@code PT1.25S}); docs/report-schema.json describes it. It reads back
 * into the same {@link RunReport}, so {@code scalecheck report} can render again.
 */
public final class JsonReport implements Renderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public void render(RunReport report, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", RunReport.SCHEMA_VERSION);
        root.set("run", MAPPER.valueToTree(report));
        MAPPER.writeValue(out, root);
    }

    /** Reads a saved report; the message of the exception says what is wrong with the file. */
    public static RunReport read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(InputFile.read(file, "report", "write one with --json FILE on run or demo"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + where(e) + " is not JSON: " + InputFile.oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a scalecheck report: expected a JSON object with version and run; "
                    + "write it again with --json");
        }
        int version = root.path("version").asInt(-1);
        if (version != RunReport.SCHEMA_VERSION || !root.has("run")) {
            throw new IllegalArgumentException(file + " is not a scalecheck report of version " + RunReport.SCHEMA_VERSION
                    + " (found version " + version + "); write it again with this scalecheck's --json");
        }
        JsonNode run = root.get("run");
        if (!run.isObject()) {
            throw new IllegalArgumentException(file + " is not a scalecheck report: \"run\" is not a JSON object; write it again with --json");
        }
        List<String> fields = Arrays.stream(RunReport.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        JsonIgnoreProperties derived =
                RunReport.class.getAnnotation(JsonIgnoreProperties.class);
        List<String> written = derived == null ? List.of() : List.of(derived.value());
        for (Iterator<String> names = run.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name) && !written.contains(name)) {
                throw new IllegalArgumentException(file + " does not match the report schema: unknown field '" + name + "' in run; "
                        + "expected: " + String.join(", ", fields));
            }
        }
        try {
            return MAPPER.treeToValue(run, RunReport.class);
        } catch (ValueInstantiationException e) {
            List<String> absent = fields.stream().filter(f -> !run.hasNonNull(f)).toList();
            throw new IllegalArgumentException(file + " does not match the report schema: run lacks "
                    + (absent.isEmpty() ? "a value it needs" : String.join(", ", absent)) + "; write it again with --json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + where(e) + " does not match the report schema: "
                    + InputFile.oneLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not match the report schema: " + InputFile.oneLine(e.getMessage()));
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }
}
