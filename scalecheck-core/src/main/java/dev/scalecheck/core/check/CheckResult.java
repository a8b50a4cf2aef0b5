package dev.scalecheck.core.check;

import java.util.List;

/**
 * A check's verdict with a one-line summary that names replicas and values, details (one line
 * each) and the evidence it used.
 */
public record CheckResult(String id, Status status, String summary, List<String> details, List<String> evidence) {

    public CheckResult {
        details = details == null ? List.of() : List.copyOf(details);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static CheckResult pass(String id, String summary, List<String> evidence) {
        return new CheckResult(id, Status.PASS, summary, List.of(), evidence);
    }

    public static CheckResult fail(String id, String summary, List<String> details, List<String> evidence) {
        return new CheckResult(id, Status.FAIL, summary, details, evidence);
    }

    /** A failure whose summary is the first problem, with a count of the rest; every problem is a detail. */
    public static CheckResult fail(String id, List<String> problems, List<String> evidence) {
        String summary = problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        return new CheckResult(id, Status.FAIL, summary, problems, evidence);
    }

    public static CheckResult error(String id, String summary) {
        return new CheckResult(id, Status.ERROR, summary, List.of(), List.of());
    }

    public static CheckResult skipped(String id, String reason) {
        return new CheckResult(id, Status.SKIPPED, reason, List.of(), List.of());
    }
}
