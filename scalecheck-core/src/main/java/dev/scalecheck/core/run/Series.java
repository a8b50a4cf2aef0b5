package dev.scalecheck.core.run;

import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.evidence.ReplicaHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several whole runs, each on a fresh deployment: {@code --repeat K} (K runs at one replica
 * count) and {@code scalecheck ramp} (runs at growing replica counts, each maybe repeated). The
 * verdict at a replica count is PASS only when every run at it passed.
 *
 * @param kind "repeat" or "ramp"
 * @param planned the replica counts asked for, in order (a ramp that stopped early ran fewer)
 * @param repeat runs per replica count
 * @param runs every run, in the order they ran
 */
public record Series(String kind, List<Integer> planned, int repeat, List<Entry> runs) {
    /** connection-headroom's arithmetic: "... = 170 > max_connections 151" or "... = 90 <= max_connections 151". */
    private static final Pattern CONNECTIONS = Pattern.compile("= (\\d+) (?:<=|>) max_connections (\\d+)");

    public Series {
        planned = List.copyOf(planned);
        runs = List.copyOf(runs);
    }

    /** One run of the series: at {@code replicas}, the {@code round}-th (from 1) at that count. */
    public record Entry(int replicas, int round, RunReport report) {}

    /** One check over several runs: passed in {@code passed} of {@code judged} (the runs that were not SKIPPED). */
    public record PassRate(String check, int passed, int judged, int runs) {
        /** "9/10", or "skipped" when no run judged it. */
        public String text() {
            return judged == 0 ? "skipped" : passed + "/" + judged;
        }

        public boolean all() {
            return passed == judged;
        }
    }

    /** A reason some runs failed for, once, with how many runs gave it. */
    public record Reason(String reason, int runs) {}

    /**
     * What one replica count came to.
     *
     * @param slowestReady the longest time to ready of any replica of any run, or null when none became ready
     * @param spread the widest start-up spread (the first to the last start-up marker, else ready time) of any run
     * @param connectionsNeeded connection-headroom's replicas x pool + margin (the largest of the runs), or null
     * @param maxConnections the database's max_connections, or null
     * @param firstFailure the first failing check of the first failing run, with its reason ("id: summary"), or null
     */
    public record Point(int replicas, boolean passed, int runs, int passedRuns, Duration slowestReady, Duration spread,
            Integer connectionsNeeded, Integer maxConnections, String firstFailure) {
        public String verdict() {
            return passed ? "PASS" : "FAIL";
        }
    }

    public boolean passed() {
        return !runs.isEmpty() && runs.stream().allMatch(e -> e.report().passed());
    }

    public List<RunReport> reports() {
        return runs.stream().map(Entry::report).toList();
    }

    /** The replica counts that ran, in order. */
    public List<Integer> counts() {
        return runs.stream().map(Entry::replicas).distinct().toList();
    }

    public List<Entry> at(int replicas) {
        return runs.stream().filter(e -> e.replicas() == replicas).toList();
    }

    /** Each check's pass rate over {@code reports}, in the order the checks were judged. */
    public static List<PassRate> passRates(List<RunReport> reports) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (RunReport report : reports) {
            for (CheckResult result : report.results()) {
                int[] count = counts.computeIfAbsent(result.id(), id -> new int[2]);
                if (result.status() != Status.SKIPPED) {
                    count[1]++;
                    if (result.status() == Status.PASS) {
                        count[0]++;
                    }
                }
            }
        }
        List<PassRate> rates = new ArrayList<>();
        counts.forEach((id, count) -> rates.add(new PassRate(id, count[0], count[1], reports.size())));
        return rates;
    }

    /** Why runs failed: each failing check's "id: summary" and each environment error, the same reason once with its count. */
    public static List<Reason> reasons(List<RunReport> reports) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RunReport report : reports) {
            if (report.environmentError() != null) {
                counts.merge("environment: " + report.environmentError(), 1, Integer::sum);
            }
            for (CheckResult result : report.results()) {
                if (result.status() == Status.FAIL || result.status() == Status.ERROR) {
                    counts.merge(result.id() + ": " + result.summary(), 1, Integer::sum);
                }
            }
        }
        List<Reason> reasons = new ArrayList<>();
        counts.forEach((reason, runs) -> reasons.add(new Reason(reason, runs)));
        return reasons;
    }

    /** One point per replica count that ran, in the order they ran. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>();
        for (int replicas : counts()) {
            List<RunReport> reports = at(replicas).stream().map(Entry::report).toList();
            int passedRuns = (int) reports.stream().filter(RunReport::passed).count();
            Duration slowest = reports.stream().map(Series::slowestReady).filter(Objects::nonNull).max(Duration::compareTo).orElse(null);
            Duration spread = reports.stream().map(Series::spread).filter(Objects::nonNull).max(Duration::compareTo).orElse(null);
            Integer needed = null;
            Integer max = null;
            for (RunReport report : reports) {
                Optional<int[]> arithmetic = connections(report);
                if (arithmetic.isPresent() && (needed == null || arithmetic.get()[0] > needed)) {
                    needed = arithmetic.get()[0];
                    max = arithmetic.get()[1];
                }
            }
            String failure = reports.stream().filter(r -> !r.passed()).findFirst().map(Series::firstFailure).orElse(null);
            points.add(new Point(replicas, passedRuns == reports.size(), reports.size(), passedRuns, slowest, spread, needed, max,
                    failure));
        }
        return points;
    }

    /** The first replica count that did not pass, if any: the breaking point. */
    public Optional<Point> breakingPoint() {
        return points().stream().filter(p -> !p.passed()).findFirst();
    }

    static Duration slowestReady(RunReport report) {
        return report.health().stream().map(ReplicaHealth::timeToReady).filter(Objects::nonNull).max(Duration::compareTo).orElse(null);
    }

    /**
     * As parallel-startup measures it: from the first replica's ready marker to the last; without
     * markers, from the first replica ready on its endpoint to the last.
     */
    static Duration spread(RunReport report) {
        List<Instant> startups = report.timelines().stream().map(ReplicaTimeline::ready).filter(Objects::nonNull).toList();
        if (startups.size() < 2) {
            startups = report.health().stream().map(ReplicaHealth::readyAt).filter(Objects::nonNull).toList();
        }
        if (startups.size() < 2) {
            return startups.isEmpty() ? null : Duration.ZERO;
        }
        Instant first = startups.stream().min(Instant::compareTo).orElseThrow();
        Instant last = startups.stream().max(Instant::compareTo).orElseThrow();
        return Duration.between(first, last);
    }

    /** connection-headroom's needed and max_connections, when it did its arithmetic. */
    static Optional<int[]> connections(RunReport report) {
        return report.results().stream().filter(r -> r.id().equals("connection-headroom")).findFirst().flatMap(r -> {
            Matcher m = CONNECTIONS.matcher(r.summary());
            return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}) : Optional.empty();
        });
    }

    /**
     * The failing check that says why, with its reason: a check of the cause (connection-headroom,
     * single-migration, lock-released, shared-writes, ...) before the checks of how start-up and the
     * traffic went (replicas-healthy, startup-budget, parallel-startup, lb-reaches-all), which fail
     * with it when replicas die or start late because of it. The other failing checks follow by id.
     */
    static String firstFailure(RunReport report) {
        if (report.environmentError() != null) {
            return "environment: " + report.environmentError();
        }
        List<CheckResult> failed = report.results().stream()
                .filter(r -> r.status() == Status.FAIL || r.status() == Status.ERROR).toList();
        if (failed.isEmpty()) {
            return "no check passed";
        }
        CheckResult first = failed.stream().filter(r -> !OUTCOME_CHECKS.contains(r.id())).findFirst().orElse(failed.get(0));
        List<String> others = failed.stream().filter(r -> r != first).map(CheckResult::id).toList();
        return first.id() + ": " + first.summary() + (others.isEmpty() ? "" : " (also failed: " + String.join(", ", others) + ")");
    }

    /** Checks that judge start-up's and the traffic's outcome: they fail along with the check of the cause. */
    private static final List<String> OUTCOME_CHECKS = List.of("replicas-healthy", "startup-budget", "parallel-startup",
            "lb-reaches-all");

    /** Replica counts for {@code --up-to N}: 1, 2, 4, ... doubling, and N itself last when it is not a power of two. */
    public static List<Integer> doubling(int upTo) {
        TreeMap<Integer, Boolean> counts = new TreeMap<>();
        for (int n = 1; n <= upTo; n *= 2) {
            counts.put(n, true);
        }
        counts.put(upTo, true);
        return List.copyOf(counts.keySet());
    }
}
