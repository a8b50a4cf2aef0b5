package dev.scalecheck.cli;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.Finding;
import dev.scalecheck.compose.lint.ComposeModels;
import dev.scalecheck.compose.lint.LintTarget;
import dev.scalecheck.compose.lint.Linter;
import dev.scalecheck.compose.lint.Roles;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.spec.DurationText;
import dev.scalecheck.reports.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalecheck lint}: compose-file mistakes that break scaling, with file:line and a fix; no deployment needed. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Find compose-file mistakes that break scaling (exit 1 when there are findings).")
final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @CommandLine.Mixin
    ComposeModelOptions compose;

    @Option(names = "--service", description = "The scaled service (default: the one the file shows: built, depends on the "
            + "database, routed by the load balancer, has a healthcheck).")
    String service;

    @Option(names = "--database", description = "The database service (default: found by image: mariadb, mysql, percona, postgres).")
    String database;

    @Option(names = "--balancer", description = "The load balancer service (default: found by image: haproxy, nginx, traefik, "
            + "caddy, envoy).")
    String balancer;

    @Option(names = "--data-dir", paramLabel = "PATH",
            description = "The replicas' shared data directory inside the container (the spec's probes.writes.dataDir).")
    String dataDir;

    @Option(names = "--time-to-healthy", paramLabel = "DURATION",
            description = "The slowest time to healthy a run measured (e.g. 45s): start_period must be at least that.")
    String timeToHealthy;

    @Option(names = "--run", paramLabel = "RUN.json",
            description = "A run's JSON report (--json): its slowest time to healthy is the measured one.")
    Path run;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (timeToHealthy != null && run != null) {
            throw new BadFlags(command, "--time-to-healthy and --run both give the measured time to healthy; choose one");
        }
        Duration measured = timeToHealthy == null ? null : timeToHealthy();
        if (run != null) {
            measured = JsonReport.read(run).health().stream().map(ReplicaHealth::timeToReady).filter(java.util.Objects::nonNull)
                    .max(Duration::compareTo).orElse(null);
        }
        ComposeFile model = ComposeModels.load(compose.project());
        String described = model.describe();
        for (String[] named : new String[][] {{"--database", database}, {"--balancer", balancer}}) {
            if (named[1] != null && model.service(named[1]).isEmpty() && !model.inactiveServices().containsKey(named[1])) {
                throw new BadFlags(command, named[0] + " '" + named[1] + "' is not a service of " + described + "; services: "
                        + String.join(", ", model.services().keySet()));
            }
        }
        Roles roles = Roles.find(model, service, database, balancer);
        String service = roles.service().orElseThrow(() -> new BadFlags(command, "cannot tell which service is scaled"
                + (roles.candidates().isEmpty() ? " (no service is built or runs an application image)"
                        : "; candidates: " + String.join(", ", roles.candidates())) + "; choose one with --service"));
        List<Finding> findings = Linter.standard().lint(model, new LintTarget(service, roles.database().orElse(null),
                roles.balancer().orElse(null), measured, dataDir));
        for (Finding finding : findings) {
            out.println(finding.file() + ":" + finding.line() + ": [" + finding.rule() + "] " + finding.message());
            out.println("    fix: " + finding.fix());
        }
        out.println("lint: read with " + model.source() + "; service '" + service + "', database "
                + roles.database().map(d -> "'" + d + "'").orElse("none found") + ", load balancer "
                + roles.balancer().map(b -> "'" + b + "'").orElse("none found"));
        out.println(findings.isEmpty() ? "lint: no findings for service '" + service + "' in " + described
                : "lint: " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " for service '" + service + "'");
        out.flush();
        return findings.isEmpty() ? ExitCode.PASSED : ExitCode.CHECK_FAILED;
    }

    private Duration timeToHealthy() {
        Duration parsed;
        try {
            parsed = DurationText.parse(timeToHealthy);
        } catch (IllegalArgumentException notADuration) {
            parsed = Duration.ZERO;
        }
        if (parsed.isZero()) {
            throw new BadFlags(command, "--time-to-healthy '" + timeToHealthy + "' is not a duration above 0; expected e.g. 45s, "
                    + "2m or 500ms");
        }
        return parsed;
    }
}
