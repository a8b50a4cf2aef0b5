package dev.scalecheck.compose.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule over a compose file for one scaled service. */
public final class Linter {
    private final List<Rule> rules;

    private Linter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Linter standard() {
        return new Linter(Rules.all());
    }

    public List<Finding> lint(ComposeFile file, String service, String database, String balancer) {
        return lint(file, new LintTarget(service, database, balancer, null));
    }

    /**
     * @throws IllegalArgumentException when the service is not in the file
     */
    public List<Finding> lint(ComposeFile file, LintTarget target) {
        if (file.service(target.service()).isEmpty()) {
            throw new IllegalArgumentException(file.describe() + " has no service '" + target.service() + "'; services: "
                    + String.join(", ", file.services().keySet()) + " (choose one with --service)");
        }
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            findings.addAll(rule.check(file, target));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line)
                .thenComparing(Finding::rule));
        return findings;
    }

    public List<Finding> lint(ComposeFile file, String service, String database, String balancer, Duration measured) {
        return lint(file, new LintTarget(service, database, balancer, measured));
    }
}
