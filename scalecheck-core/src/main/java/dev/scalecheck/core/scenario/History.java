package dev.scalecheck.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Every request the workload sent, in the order sent, and what the scenarios read from them. */
public record History(List<Operation> operations) {

    public History {
        operations = List.copyOf(operations);
    }

    public List<Operation> acknowledged() {
        return operations.stream().filter(Operation::acknowledged).toList();
    }

    public List<Operation> failed() {
        return operations.stream().filter(op -> !op.acknowledged()).toList();
    }

    public List<Operation> in(Predicate<String> phase) {
        return operations.stream().filter(op -> phase.test(op.phase())).toList();
    }

    /** The latency below which {@code fraction} of {@code operations} answered (nearest rank); zero for none. */
    public static Duration percentile(List<Operation> operations, double fraction) {
        List<Duration> sorted = operations.stream().map(Operation::latency).sorted().toList();
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** "p50 3 ms, p99 41 ms" of {@code operations}, or "no requests". */
    public static String latencies(List<Operation> operations) {
        if (operations.isEmpty()) {
            return "no requests";
        }
        return "p50 " + millis(percentile(operations, 0.50)) + ", p99 " + millis(percentile(operations, 0.99));
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /**
     * The failures grouped by phase, in the order the phases came, each with its causes counted:
     * "9 while restarting api-2 (502 x7, no answer (connection reset) x2)".
     */
    public static List<String> failuresByPhase(List<Operation> failed) {
        Map<String, List<Operation>> byPhase = new LinkedHashMap<>();
        failed.forEach(op -> byPhase.computeIfAbsent(op.phase(), phase -> new ArrayList<>()).add(op));
        List<String> lines = new ArrayList<>();
        byPhase.forEach((phase, ops) -> lines.add(ops.size() + " " + phase + " (" + causes(ops) + ")"));
        return lines;
    }

    /** "502 x7, no answer (connection reset) x2", most frequent first. */
    public static String causes(List<Operation> failed) {
        Map<String, Long> counted = failed.stream().collect(Collectors.groupingBy(Operation::failure, LinkedHashMap::new,
                Collectors.counting()));
        return counted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")).collect(Collectors.joining(", "));
    }
}
