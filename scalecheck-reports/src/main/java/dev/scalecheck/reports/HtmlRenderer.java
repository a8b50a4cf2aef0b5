package dev.scalecheck.reports;

import dev.scalecheck.core.Words;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.run.ReplicaTimeline;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.StepResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One self-contained HTML file (no external assets; opens from file://): the verdict, the check
 * table, an SVG start-up timeline with one lane per replica (starting, waiting for the lock,
 * migrating under the lock, finishing, ready) and the spread marked, the load balancer's
 * distribution as bars, and the steps.
 */
public final class HtmlRenderer implements Renderer {
    static final String LANE_KEY_COLOUR = "#5b2c83";
    private static final int LABEL = 90;
    private static final int CHART = 820;
    private static final int LANE = 26;
    private static final int GAP = 12;
    private static final int TOP = 40;

    @Override
    public void render(RunReport report, Writer out) throws IOException {
        StringBuilder html = new StringBuilder(32_768);
        String verdict = ConsoleRenderer.verdict(report);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>scalecheck ")
                .append(esc(report.service())).append(" x").append(report.replicas()).append(": ").append(esc(verdict))
                .append("</title>\n<style>\n").append(STYLE).append("</style></head>\n<body>\n");
        html.append("<h1 class=\"").append(report.passed() ? "pass" : "fail").append("\">").append(esc(verdict)).append("</h1>\n");
        html.append("<p class=\"meta\">service <b>").append(esc(report.service())).append("</b> &middot; ").append(report.replicas())
                .append(" replicas &middot; orchestrator ").append(esc(report.orchestrator())).append(" &middot; run ")
                .append(esc(report.runId())).append(" &middot; started ").append(esc(report.startedAt().toString()))
                .append(" &middot; ").append(seconds(report.duration())).append("</p>\n");
        if (report.environmentError() != null) {
            html.append("<p class=\"error\">The run could not be carried out: ").append(esc(report.environmentError())).append("</p>\n");
        }
        checks(html, report.results());
        timeline(html, report.timelines());
        distribution(html, report.balancerRequests(), report.balancerDistribution());
        steps(html, report.steps());
        html.append("</body></html>\n");
        out.write(html.toString());
        out.flush();
    }

    private static void checks(StringBuilder html, List<CheckResult> results) {
        html.append("<h2>Checks</h2>\n<table class=\"checks\"><tr><th>result</th><th>check</th><th>why</th></tr>\n");
        for (CheckResult result : results) {
            html.append("<tr id=\"check-").append(esc(result.id())).append("\"><td><span class=\"status ")
                    .append(result.status().name().toLowerCase(Locale.ROOT)).append("\">").append(result.status())
                    .append("</span></td><td><a href=\"#check-").append(esc(result.id())).append("\">").append(esc(result.id()))
                    .append("</a></td><td>").append(esc(result.summary()));
            if (!result.details().isEmpty()) {
                html.append("<ul>");
                result.details().forEach(d -> html.append("<li>").append(esc(d)).append("</li>"));
                html.append("</ul>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void timeline(StringBuilder html, List<ReplicaTimeline> timelines) {
        html.append("<h2>Start-up timeline</h2>\n");
        if (timelines.isEmpty()) {
            html.append("<p>No replica started.</p>\n");
            return;
        }
        Instant start = timelines.stream().map(ReplicaTimeline::started).filter(Objects::nonNull).min(Instant::compareTo).orElseThrow();
        Instant end = timelines.stream().flatMap(t -> Stream.of(t.ready(), t.lockReleased(), t.migrated(), t.upToDate(), t.lockAcquired(),
                t.lockWait(), t.startup())).filter(Objects::nonNull).max(Instant::compareTo).orElse(start.plusSeconds(1));
        long span = Math.max(1000, Duration.between(start, end).toMillis() * 105 / 100);
        int height = TOP + timelines.size() * (LANE + GAP) + 30;
        html.append("<svg class=\"timeline\" width=\"").append(LABEL + CHART + 20)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"start-up timeline, one lane per replica\">\n");
        axis(html, span, height);
        List<Instant> readies = new ArrayList<>();
        for (int i = 0; i < timelines.size(); i++) {
            ReplicaTimeline t = timelines.get(i);
            int y = TOP + i * (LANE + GAP);
            html.append("<g class=\"lane\" data-replica=\"").append(esc(t.replica())).append("\">\n");
            html.append(rect(4, y + 6, 10, 14, LANE_KEY_COLOUR, "lane-key", t.replica()));
            html.append("<text x=\"18\" y=\"").append(y + 18).append("\" class=\"label\">").append(esc(t.replica()))
                    .append(t.node() == null ? "" : "<tspan class=\"node\" x=\"18\" dy=\"10\">@" + esc(t.node()) + "</tspan>")
                    .append("</text>\n");
            html.append(rect(LABEL, y, CHART, LANE, "#eef1f5", "lane-bg", t.replica()));
            Instant startup = first(t.startup(), t.lockWait(), t.lockAcquired(), t.migrated(), t.upToDate(), t.ready());
            segment(html, start, span, y, t.started(), startup, "#c9ced6", "starting");
            segment(html, start, span, y, t.lockWait(), first(t.lockAcquired(), t.ready()), "#f0a030", "waiting for the lock");
            segment(html, start, span, y, t.lockAcquired(), first(t.lockReleased(), t.migrated(), t.ready()), "#3b7dd8",
                    "under the lock (migrating or re-checking)");
            segment(html, start, span, y, first(t.lockReleased(), t.migrated(), t.upToDate(), startup), t.ready(), "#a6d9a0",
                    t.migrated() != null ? "finishing after migrating" : t.upToDate() != null ? "finishing, nothing to migrate"
                            : "finishing");
            if (t.ready() != null) {
                readies.add(t.ready());
                html.append("<circle cx=\"").append(x(start, span, t.ready())).append("\" cy=\"").append(y + LANE / 2)
                        .append("\" r=\"6\" fill=\"#2e8b3d\" class=\"ready\"><title>").append(esc(t.replica())).append(" ready at +")
                        .append(seconds(Duration.between(start, t.ready()))).append("</title></circle>\n");
            } else {
                html.append("<text x=\"").append(LABEL + CHART - 170).append("\" y=\"").append(y + 18)
                        .append("\" class=\"never\">never ready").append(t.exitCode() == null ? "" : " (exit " + t.exitCode() + ")")
                        .append("</text>\n");
            }
            html.append("</g>\n");
        }
        if (readies.size() > 1) {
            Instant first = readies.stream().min(Instant::compareTo).orElseThrow();
            Instant last = readies.stream().max(Instant::compareTo).orElseThrow();
            int bottom = TOP + timelines.size() * (LANE + GAP) - GAP;
            for (Instant at : List.of(first, last)) {
                html.append("<line class=\"spread\" x1=\"").append(x(start, span, at)).append("\" x2=\"").append(x(start, span, at))
                        .append("\" y1=\"").append(TOP - 8).append("\" y2=\"").append(bottom).append("\"/>\n");
            }
            html.append("<text class=\"spread-label\" x=\"").append(x(start, span, first) + 4).append("\" y=\"").append(TOP - 12)
                    .append("\">start-up spread ").append(seconds(Duration.between(first, last))).append("</text>\n");
        }
        html.append("</svg>\n<p class=\"legend\"><span style=\"background:#c9ced6\"></span>starting "
                + "<span style=\"background:#f0a030\"></span>waiting for the lock "
                + "<span style=\"background:#3b7dd8\"></span>under the lock "
                + "<span style=\"background:#a6d9a0\"></span>finishing "
                + "<span style=\"background:#2e8b3d;border-radius:6px\"></span>ready</p>\n");
    }

    private static void axis(StringBuilder html, long span, int height) {
        long[] steps = {500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000};
        long step = steps[steps.length - 1];
        for (long candidate : steps) {
            if (span / candidate <= 10) {
                step = candidate;
                break;
            }
        }
        for (long at = 0; at <= span; at += step) {
            int x = LABEL + (int) (CHART * at / span);
            html.append("<line class=\"tick\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP - 4)
                    .append("\" y2=\"").append(height - 24).append("\"/><text class=\"tick-label\" x=\"").append(x)
                    .append("\" y=\"").append(height - 8).append("\">+").append(seconds(Duration.ofMillis(at))).append("</text>\n");
        }
    }

    private static void segment(StringBuilder html, Instant origin, long span, int y, Instant from, Instant to, String colour,
            String what) {
        if (from == null || to == null || to.isBefore(from)) {
            return;
        }
        int x1 = x(origin, span, from);
        int width = Math.max(2, x(origin, span, to) - x1);
        html.append(rect(x1, y + 3, width, LANE - 6, colour, "segment", what + ": " + seconds(Duration.between(from, to))));
    }

    private static String rect(int x, int y, int width, int height, String fill, String cssClass, String title) {
        return "<rect class=\"" + cssClass + "\" x=\"" + x + "\" y=\"" + y + "\" width=\"" + width + "\" height=\"" + height
                + "\" fill=\"" + fill + "\"><title>" + esc(title) + "</title></rect>\n";
    }

    private static int x(Instant origin, long span, Instant at) {
        return LABEL + (int) (CHART * Duration.between(origin, at).toMillis() / span);
    }

    private static Instant first(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static void distribution(StringBuilder html, Integer requests, Map<String, Integer> byReplica) {
        html.append("<h2>Load balancer distribution</h2>\n");
        if (requests == null) {
            html.append("<p>No request went through the load balancer (lb-reaches-all did not run).</p>\n");
            return;
        }
        if (byReplica.isEmpty()) {
            html.append("<p>").append(Words.count(requests, "request"))
                    .append(" went through the load balancer; nothing said which replica answered them.</p>\n");
            return;
        }
        html.append("<p>").append(Words.count(requests, "request")).append(" through the load balancer.</p>\n");
        int max = byReplica.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        html.append("<svg class=\"distribution\" width=\"").append(LABEL + 420)
                .append("\" height=\"").append(byReplica.size() * 24 + 8).append("\">\n");
        int row = 0;
        for (Map.Entry<String, Integer> entry : byReplica.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int y = 4 + row++ * 24;
            int width = Math.max(1, 360 * entry.getValue() / Math.max(1, max));
            html.append("<text x=\"4\" y=\"").append(y + 14).append("\" class=\"label\">").append(esc(entry.getKey()))
                    .append("</text>").append(rect(LABEL, y, width, 18, "#3b7dd8", "bar", entry.getKey() + ": " + entry.getValue()))
                    .append("<text x=\"").append(LABEL + width + 6).append("\" y=\"").append(y + 14).append("\">")
                    .append(entry.getValue()).append("</text>\n");
        }
        html.append("</svg>\n");
    }

    private static void steps(StringBuilder html, List<StepResult> steps) {
        html.append("<h2>Steps</h2>\n<table class=\"steps\"><tr><th>step</th><th>what</th><th>took</th><th>outcome</th></tr>\n");
        for (StepResult step : steps) {
            html.append("<tr><td>").append(step.number()).append('/').append(step.total()).append("</td><td>").append(esc(step.title()))
                    .append("</td><td>").append(seconds(step.duration())).append("</td><td>")
                    .append(step.ok() ? "" : "<b>FAILED:</b> ").append(esc(step.outcome())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; }
            h1.pass { color: #2e8b3d; } h1.fail { color: #b3261e; }
            .meta { color: #5a6372; } .error { color: #b3261e; font-weight: bold; }
            table { border-collapse: collapse; margin-bottom: 16px; }
            th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #e1e5ea; vertical-align: top; }
            ul { margin: 4px 0 0 0; padding-left: 18px; color: #5a6372; }
            .status { font-weight: bold; padding: 1px 6px; border-radius: 3px; color: white; }
            .status.pass { background: #2e8b3d; } .status.fail { background: #b3261e; }
            .status.error { background: #a15c00; } .status.skipped { background: #7a8291; }
            svg text { font: 12px system-ui, sans-serif; fill: #1d2330; }
            .tick { stroke: #d5dae1; } .tick-label { fill: #5a6372; text-anchor: middle; }
            .spread { stroke: #b3261e; stroke-dasharray: 4 3; stroke-width: 1.5; }
            svg text tspan.node { font-size: 10px; fill: #5a6372; }
            .spread-label { fill: #b3261e; font-weight: bold; }
            .never { fill: #b3261e; font-weight: bold; }
            .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
            """;
}
