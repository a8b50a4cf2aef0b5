package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.run.RunReport;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    @TempDir
    Path dir;

    private static String json(RunReport report) throws Exception {
        StringWriter out = new StringWriter();
        new JsonReport().render(report, out);
        return out.toString();
    }

    /**
     * The golden file is the schema by example; change it only with docs/report-schema.json
     * ({@code -Dgolden.update=true} rewrites it from the current renderer).
     */
    @Test
    void matchesTheGoldenFile() throws Exception {
        if (Boolean.getBoolean("golden.update")) {
            java.nio.file.Files.writeString(Path.of("src/test/resources/golden/serial-lock.json"), json(Reports.serialLock()));
        }
        try (InputStream golden = JsonReportTest.class.getResourceAsStream("/golden/serial-lock.json")) {
            assertThat(json(Reports.serialLock())).isEqualToIgnoringNewLines(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyFieldIsInTheDocumentedSchema() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode schema = mapper.readTree(Path.of("../docs/report-schema.json").toFile())
                .path("properties").path("run");
        com.fasterxml.jackson.databind.JsonNode run = mapper.readTree(json(Reports.serialLock())).path("run");
        java.util.Set<String> written = new java.util.TreeSet<>();
        run.fieldNames().forEachRemaining(written::add);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        schema.path("required").forEach(name -> documented.add(name.asText()));
        assertThat(written).isEqualTo(documented);
        java.util.Set<String> timelineFields = new java.util.TreeSet<>();
        run.path("timelines").get(0).fieldNames().forEachRemaining(timelineFields::add);
        java.util.Set<String> timelineDocumented = new java.util.TreeSet<>();
        schema.path("properties").path("timelines").path("items").path("required").forEach(n -> timelineDocumented.add(n.asText()));
        assertThat(timelineFields).isEqualTo(timelineDocumented);
    }

    @Test
    void readsBackIntoTheSameReport() throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), json(Reports.serialLock()));
        assertThat(JsonReport.read(file)).isEqualTo(Reports.serialLock());
    }

    @Test
    void refusesWhatIsNotAReportOfThisVersion() throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"version\": 7, \"run\": {}}");
        assertThatThrownBy(() -> JsonReport.read(other)).hasMessageContaining("is not a scalecheck report of version 1 (found version 7)");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{");
        assertThatThrownBy(() -> JsonReport.read(broken)).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> JsonReport.read(dir.resolve("none.json"))).hasMessageContaining("does not exist; write one with --json");
    }
}
