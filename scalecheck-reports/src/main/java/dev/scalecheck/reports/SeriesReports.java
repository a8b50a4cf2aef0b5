package dev.scalecheck.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.Series;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@link Series} (a ramp, repeated runs) in the four forms: a console table with pass rates and
 * grouped reasons, a JSON series document (docs/series-schema.json) holding every run's report,
 * JUnit XML with one testsuite per run, and HTML with a scaling curve.
 */
public final class SeriesReports {
    /** The version of the series document's JSON form. */
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SeriesReports() {
    }

    /** The ramp's table (one row per replica count), then each check's pass rate and the reasons runs failed for. */
    public static void console(Series series, PrintWriter out) {
        out.println();
        if (series.kind().equals("ramp")) {
            out.println(String.format(Locale.ROOT, "%-9s %-8s %-14s %-10s %-22s %s", "replicas", "verdict", "slowest ready",
                    "spread", "connections / max", "first failing check"));
            for (Series.Point point : series.points()) {
                String verdict = point.verdict() + (series.repeat() > 1 ? " " + point.passedRuns() + "/" + point.runs() : "");
                out.println(String.format(Locale.ROOT, "%-9d %-8s %-14s %-10s %-22s %s", point.replicas(), verdict,
                        seconds(point.slowestReady()), seconds(point.spread()), connections(point),
                        point.firstFailure() == null ? "-" : point.firstFailure()));
            }
            out.println();
            out.println(series.breakingPoint().map(p -> "Breaking point: " + p.replicas() + " replicas, "
                    + p.firstFailure()).orElse("No breaking point up to " + series.counts().get(series.counts().size() - 1)
                    + " replicas" + (series.counts().size() < series.planned().size() ? "" : "")));
            int ran = series.counts().size();
            if (ran < series.planned().size()) {
                out.println("Stopped after the first failing count (" + String.join(", ",
                        series.planned().subList(ran, series.planned().size()).stream().map(String::valueOf).toList())
                        + " not run); --keep-going runs them all.");
            }
        }
        if (series.repeat() > 1 || series.kind().equals("repeat")) {
            for (int replicas : series.counts()) {
                List<RunReport> reports = series.at(replicas).stream().map(Series.Entry::report).toList();
                out.println("Pass rates at " + replicas + " replicas over " + reports.size() + " runs:");
                for (Series.PassRate rate : Series.passRates(reports)) {
                    out.println(String.format(Locale.ROOT, "  %-22s %s%s", rate.check(), rate.text(),
                            rate.judged() > 0 && !rate.all() ? "  FAIL" : ""));
                }
            }
        }
        List<Series.Reason> reasons = Series.reasons(series.reports());
        if (!reasons.isEmpty()) {
            out.println("Why runs failed (the same reason once):");
            for (Series.Reason reason : reasons) {
                out.println("  " + reason.runs() + " x " + reason.reason());
            }
        }
        long passed = series.reports().stream().filter(RunReport::passed).count();
        out.println((series.passed() ? "PASS" : "FAIL") + ": " + passed + " of " + series.runs().size() + " runs passed"
                + (series.passed() ? "" : "; the verdict is PASS only when every run passes"));
        out.flush();
    }

    /** {@code {"version": 1, "series": {kind, planned, repeat, points, passRates, reasons, runs: [{replicas, round, run}]}}}. */
    public static void json(Series series, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", SCHEMA_VERSION);
        ObjectNode body = root.putObject("series");
        body.put("kind", series.kind());
        ArrayNode planned = body.putArray("planned");
        series.planned().forEach(planned::add);
        body.put("repeat", series.repeat());
        body.put("passed", series.passed());
        ArrayNode points = body.putArray("points");
        for (Series.Point point : series.points()) {
            ObjectNode node = points.addObject();
            node.put("replicas", point.replicas());
            node.put("verdict", point.verdict());
            node.put("runs", point.runs());
            node.put("passedRuns", point.passedRuns());
            putMillis(node, "slowestReadyMs", point.slowestReady());
            putMillis(node, "spreadMs", point.spread());
            putInt(node, "connectionsNeeded", point.connectionsNeeded());
            putInt(node, "maxConnections", point.maxConnections());
            if (point.firstFailure() == null) {
                node.putNull("firstFailure");
            } else {
                node.put("firstFailure", point.firstFailure());
            }
        }
        series.breakingPoint().ifPresentOrElse(p -> body.put("breakingPoint", p.replicas()), () -> body.putNull("breakingPoint"));
        ArrayNode rates = body.putArray("passRates");
        for (int replicas : series.counts()) {
            for (Series.PassRate rate : Series.passRates(series.at(replicas).stream().map(Series.Entry::report).toList())) {
                ObjectNode node = rates.addObject();
                node.put("replicas", replicas);
                node.put("check", rate.check());
                node.put("passed", rate.passed());
                node.put("judged", rate.judged());
                node.put("runs", rate.runs());
            }
        }
        ArrayNode reasons = body.putArray("reasons");
        for (Series.Reason reason : Series.reasons(series.reports())) {
            reasons.addObject().put("reason", reason.reason()).put("runs", reason.runs());
        }
        ArrayNode runs = body.putArray("runs");
        for (Series.Entry entry : series.runs()) {
            ObjectNode node = runs.addObject();
            node.put("replicas", entry.replicas());
            node.put("round", entry.round());
            node.set("run", MAPPER.valueToTree(entry.report()));
        }
        MAPPER.writeValue(out, root);
    }

    /** {@code <testsuites>} with one testsuite per run, named {@code scalecheck.<orchestrator>.n<N>[.r<round>]}. */
    public static void junit(Series series, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "scalecheck " + series.kind());
            for (Series.Entry entry : series.runs()) {
                xml.writeCharacters("\n");
                JUnitXmlRenderer.suite(xml, entry.report(), "scalecheck." + entry.report().orchestrator() + ".n" + entry.replicas()
                        + (series.repeat() > 1 ? ".r" + entry.round() : ""), "");
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** The table, the pass rates, the reasons, and (for a ramp) the scaling curve as inline SVG. */
    public static void html(Series series, Writer out) throws IOException {
        StringBuilder html = new StringBuilder(16_384);
        String title = "scalecheck " + series.kind() + ": " + (series.passed() ? "PASS" : series.breakingPoint()
                .map(p -> "breaks at " + p.replicas() + " replicas").orElse("FAIL"));
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(HtmlRenderer.esc(title))
                .append("</title>\n<style>\n").append(HtmlRenderer.STYLE).append("</style></head>\n<body>\n");
        html.append("<h1 class=\"").append(series.passed() ? "pass" : "fail").append("\">").append(HtmlRenderer.esc(title))
                .append("</h1>\n");
        if (series.kind().equals("ramp")) {
            curve(html, series);
        }
        html.append("<h2>Replica counts</h2>\n<table class=\"checks\"><tr><th>replicas</th><th>verdict</th><th>slowest ready</th>"
                + "<th>spread</th><th>connections / max</th><th>first failing check</th></tr>\n");
        for (Series.Point point : series.points()) {
            html.append("<tr id=\"n").append(point.replicas()).append("\"><td>").append(point.replicas()).append("</td><td><span class=\"status ")
                    .append(point.passed() ? "PASS" : "FAIL").append("\">").append(point.verdict())
                    .append(series.repeat() > 1 ? " " + point.passedRuns() + "/" + point.runs() : "").append("</span></td><td>")
                    .append(seconds(point.slowestReady())).append("</td><td>").append(seconds(point.spread())).append("</td><td>")
                    .append(HtmlRenderer.esc(connections(point))).append("</td><td>")
                    .append(HtmlRenderer.esc(point.firstFailure() == null ? "-" : point.firstFailure())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (int replicas : series.counts()) {
            List<RunReport> reports = series.at(replicas).stream().map(Series.Entry::report).toList();
            html.append("<h2>Pass rates at ").append(replicas).append(" replicas (").append(reports.size()).append(" runs)</h2>\n")
                    .append("<table class=\"checks\"><tr><th>check</th><th>passed</th></tr>\n");
            for (Series.PassRate rate : Series.passRates(reports)) {
                html.append("<tr><td>").append(HtmlRenderer.esc(rate.check())).append("</td><td><span class=\"status ")
                        .append(rate.judged() == 0 ? "SKIPPED" : rate.all() ? "PASS" : "FAIL").append("\">").append(rate.text())
                        .append("</span></td></tr>\n");
            }
            html.append("</table>\n");
        }
        List<Series.Reason> reasons = Series.reasons(series.reports());
        if (!reasons.isEmpty()) {
            html.append("<h2>Why runs failed</h2>\n<ul>\n");
            for (Series.Reason reason : reasons) {
                html.append("<li>").append(reason.runs()).append(" &times; ").append(HtmlRenderer.esc(reason.reason())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</body></html>\n");
        out.write(html.toString());
        out.flush();
    }

    /** Time to ready (seconds, left axis) and connections needed (right axis) against N, the breaking point marked. */
    static void curve(StringBuilder html, Series series) {
        List<Series.Point> points = series.points();
        int width = 720;
        int height = 300;
        int left = 60;
        int right = 60;
        int top = 20;
        int bottom = 40;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        double maxSeconds = Math.max(1, points.stream().filter(p -> p.slowestReady() != null)
                .mapToDouble(p -> p.slowestReady().toMillis() / 1000.0).max().orElse(1));
        double maxConnections = Math.max(1, points.stream().mapToDouble(p -> Math.max(
                p.connectionsNeeded() == null ? 0 : p.connectionsNeeded(), p.maxConnections() == null ? 0 : p.maxConnections())).max()
                .orElse(1));
        html.append("<h2>Scaling curve</h2>\n<svg class=\"curve\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"time to ready and connections against replicas\">\n");
        html.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotW).append("\" height=\"")
                .append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        int count = points.size();
        StringBuilder ready = new StringBuilder();
        StringBuilder needed = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Series.Point p = points.get(i);
            double x = left + (count == 1 ? plotW / 2.0 : plotW * i / (double) (count - 1));
            html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%d</text>\n", x,
                    height - bottom + 16, p.replicas()));
            if (p.slowestReady() != null) {
                double y = top + plotH * (1 - p.slowestReady().toMillis() / 1000.0 / maxSeconds);
                ready.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                html.append(String.format(Locale.ROOT, "<circle class=\"ready\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"/>\n", x, y));
            }
            if (p.connectionsNeeded() != null) {
                double y = top + plotH * (1 - p.connectionsNeeded() / maxConnections);
                needed.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                html.append(String.format(Locale.ROOT, "<circle class=\"connections\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ff7f0e\"/>\n",
                        x, y));
            }
            if (!p.passed() && series.breakingPoint().map(b -> b.replicas() == p.replicas()).orElse(false)) {
                html.append(String.format(Locale.ROOT, "<line class=\"breaking-point\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n<text x=\"%.1f\" y=\"%d\" fill=\"#c0392b\" "
                        + "font-size=\"12\" text-anchor=\"middle\">breaks: %s</text>\n", x, top, x, top + plotH, x, top + 14,
                        HtmlRenderer.esc(p.firstFailure() == null ? "" : p.firstFailure().split(":", 2)[0])));
            }
        }
        Integer max = points.stream().map(Series.Point::maxConnections).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (max != null) {
            double y = top + plotH * (1 - max / maxConnections);
            html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ff7f0e\" "
                    + "stroke-dasharray=\"2 3\"/>\n<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#ff7f0e\">max_connections %d</text>\n",
                    left, y, left + plotW, y, left + 4, y - 4, max));
        }
        html.append("<polyline points=\"").append(ready.toString().strip()).append("\" fill=\"none\" stroke=\"#1f77b4\"/>\n");
        html.append("<polyline points=\"").append(needed.toString().strip()).append("\" fill=\"none\" stroke=\"#ff7f0e\"/>\n");
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1f77b4\">slowest ready (max %.1f s)</text>\n",
                left, height - 6, maxSeconds));
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#ff7f0e\" text-anchor=\"end\">"
                + "connections needed (max %.0f)</text>\n", width - right, height - 6, maxConnections));
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">replicas</text>\n",
                left + plotW / 2, height - bottom + 30));
        html.append("</svg>\n");
    }

    private static String connections(Series.Point point) {
        return point.connectionsNeeded() == null ? "-" : point.connectionsNeeded() + " / " + point.maxConnections();
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void putMillis(ObjectNode node, String field, Duration value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toMillis());
        }
    }

    private static void putInt(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
