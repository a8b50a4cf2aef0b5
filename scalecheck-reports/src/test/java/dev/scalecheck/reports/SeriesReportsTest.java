package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.Series;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SeriesReportsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private static RunReport run(int replicas, boolean fits) {
        int needed = replicas * 6 + 10;
        CheckResult headroom = fits
                ? CheckResult.pass("connection-headroom", replicas + " replicas x pool 6 = " + needed + " <= max_connections 151", List.of())
                : CheckResult.fail("connection-headroom", replicas + " replicas x pool 6 = " + (needed - 10) + " connections + margin 10 = "
                        + needed + " > max_connections 151: under load some replicas cannot get a connection", List.of(), List.of());
        return new RunReport("r" + replicas, "local", "api", replicas, T0, Duration.ofSeconds(10), List.of(),
                List.of(new ReplicaHealth("api-1", T0, T0.plusSeconds(replicas), "200", null, 6)),
                List.of(CheckResult.pass("replicas-healthy", "ok", List.of()), headroom), List.of(), 40, Map.of(), List.of(), null);
    }

    private static Series ramp() {
        return new Series("ramp", List.of(8, 16, 32, 64), 1, List.of(new Series.Entry(8, 1, run(8, true)),
                new Series.Entry(16, 1, run(16, true)), new Series.Entry(32, 1, run(32, false))));
    }

    @Test
    void consoleTableNamesTheBreakingPointAndTheCountsNotRun() {
        StringWriter out = new StringWriter();
        SeriesReports.console(ramp(), new PrintWriter(out));

        assertThat(out.toString())
                .contains("replicas  verdict  slowest ready")
                .containsPattern("16 +PASS +16\\.0 s .*106 / 151 +-")
                .containsPattern("32 +FAIL .*202 / 151 +connection-headroom: 32 replicas x pool 6 = 192 connections \\+ margin 10 = 202 > max_connections 151")
                .contains("Breaking point: 32 replicas, connection-headroom: ")
                .contains("(64 not run); --keep-going runs them all.")
                .contains("1 x connection-headroom: 32 replicas")
                .contains("FAIL: 2 of 3 runs passed");
    }

    @Test
    void jsonIsASeriesDocumentWithOnePointPerCountAndEveryRun() throws Exception {
        StringWriter out = new StringWriter();
        SeriesReports.json(ramp(), out);

        JsonNode series = new ObjectMapper().readTree(out.toString()).path("series");
        assertThat(series.path("kind").asText()).isEqualTo("ramp");
        assertThat(series.path("breakingPoint").asInt()).isEqualTo(32);
        assertThat(series.path("points")).hasSize(3);
        assertThat(series.path("points").get(2).path("connectionsNeeded").asInt()).isEqualTo(202);
        assertThat(series.path("runs")).hasSize(3);
        assertThat(series.path("runs").get(1).path("run").path("replicas").asInt()).isEqualTo(16);
    }

    @Test
    void junitHasOneSuitePerRunAndHtmlMarksTheBreakingPointOnTheCurve() throws Exception {
        StringWriter xml = new StringWriter();
        SeriesReports.junit(ramp(), xml);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml.toString())));
        assertThat(document.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(xml.toString()).contains("name=\"scalecheck.local.n32\"").contains("<failure");

        StringWriter html = new StringWriter();
        SeriesReports.html(ramp(), html);
        assertThat(html.toString()).contains("<svg class=\"curve\"").contains("class=\"breaking-point\"")
                .contains("breaks: connection-headroom").contains("max_connections 151").contains("breaks at 32 replicas");
    }
}
