package dev.scalecheck.core.run;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.check.Check;
import dev.scalecheck.core.check.CheckResult;
import dev.scalecheck.core.check.Status;
import dev.scalecheck.core.Words;
import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.evidence.ConnectionSampler;
import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.ProbeHeaders;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.evidence.EvidenceCollector;
import dev.scalecheck.core.evidence.LoadBalancerTraffic;
import dev.scalecheck.core.evidence.PlainHttp;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.evidence.SharedWrites;
import dev.scalecheck.core.evidence.StateProbe;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.Orchestrator;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.scenario.Scenario;
import dev.scalecheck.core.scenario.ScenarioContext;
import dev.scalecheck.core.spec.Spec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One scaling test, in seven numbered steps: reset, database, replicas, collect, judge, report,
 * teardown; with scenarios, they run as step 6 (each judged as one more check) and report and
 * teardown become 7 and 8. Teardown always happens (also after an environment error) unless {@code keep};
 * {@link #teardown()} is safe to call from a shutdown hook while the run is still going.
 *
 * <p>{@link #interrupt()} (Ctrl-C, SIGTERM) stops the run where it is: the step under way ends
 * as interrupted, nothing is judged, the reports say the run was interrupted, and the run tears
 * down by itself, on its own thread, so no step goes on against a deployment being removed.
 */
public final class Run {
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CONNECTION_SAMPLING = Duration.ofMillis(500);
    private static final String DISABLED = "disabled in the spec";

    private final Spec spec;
    private final Orchestrator orchestrator;
    private final Clock clock;
    private final RunListener listener;
    private final String runId;
    /** 7, or 8 when the spec names scenarios: they run as step 6, after the start-up checks. */
    private final int stepCount;
    private final List<StepResult> steps = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    private volatile Deployment deployment;
    private volatile Thread runner;
    private volatile boolean interrupted;
    /** True while steps 1 to 5 run: only then does an interrupt cut a step short. */
    private volatile boolean cuttable;
    private volatile Path logDirectory;

    public Run(Spec spec, Orchestrator orchestrator, Clock clock, RunListener listener) {
        this.spec = spec;
        this.orchestrator = orchestrator;
        this.clock = clock;
        this.listener = listener;
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.runId = HexFormat.of().formatHex(random);
        this.stepCount = spec.scenarios().isEmpty() ? 7 : 8;
    }

    /** Where step "Writing reports" puts every replica's whole output ({@link Deployment#saveLogs}); none by default. */
    public Run saveLogsTo(Path directory) {
        this.logDirectory = directory;
        return this;
    }

    /**
     * Runs steps 1 to 5, hands the report to {@code reporter} as step 6, then tears down (step 7) unless {@code keep}.
     *
     * @throws InterruptedException when interrupted (Ctrl-C); the caller tears down with {@link #teardown()}
     * @throws IllegalArgumentException before anything starts, when the probes' secret header cannot be read
     */
    public RunReport execute(Consumer<RunReport> reporter, boolean keep) throws InterruptedException {
        try {
            runner = Thread.currentThread();
            return steps(reporter, keep);
        } finally {
            finished.countDown();
        }
    }

    private RunReport steps(Consumer<RunReport> reporter, boolean keep) throws InterruptedException {
        ProbeHeaders headers = ProbeHeaders.of(spec.probes());
        Instant started = clock.instant();
        Map<String, ReplicaHealth> health = Map.of();
        List<CheckResult> results = List.of();
        List<ReplicaTimeline> timelines = List.of();
        LoadBalancerTraffic traffic = null;
        String environmentError = null;
        ConnectionSampler sampler = null;
        cuttable = true;
        try {
            Deployment current = orchestrator.prepare(spec, clock);
            deployment = current;
            EvidenceCollector collector = new EvidenceCollector(current, spec, clock, new PlainHttp(Duration.ofSeconds(10)),
                    headers, runId);
            step(1, "Resetting the environment", current::reset, outcome -> outcome);
            SqlDatabase database = step(2, "Starting a fresh database",
                    () -> current.startDatabase(Deadline.after(DATABASE_TIMEOUT, clock)), db -> db.kind() + " ready");
            List<String> tablesBefore = step(2, "Looking at the schema before the replicas start",
                    () -> collector.tables(database),
                    tables -> tables.isEmpty() ? "empty" : Words.count(tables.size(), "table") + ": " + String.join(", ", tables));
            List<Replica> replicas = step(3, "Starting " + Words.count(spec.replicas(), "replica") + " at once",
                    () -> current.startReplicas(spec.replicas()), started3 -> started3.size() + " started");
            sampler = ConnectionSampler.start(database, Dialect.of(database.kind()), current, replicas, CONNECTION_SAMPLING);
            health = step(3, "Waiting for each replica's own " + spec.health().path(),
                    () -> collector.awaitReadiness(replicas),
                    polled -> polled.values().stream().filter(ReplicaHealth::ready).count() + " of " + replicas.size() + " ready");
            Map<String, ReplicaHealth> polled = health;
            List<Replica> ready = replicas.stream().filter(r -> polled.get(r.id()).ready()).toList();
            ConnectionSampler sampling = sampler;
            Map<String, ReplicaHealth> settled = new java.util.LinkedHashMap<>(polled);
            Evidence evidence = step(4, "Collecting evidence", () -> {
                String none = "not judged: no replica became ready (replicas-healthy says why)";
                SharedWrites writes = !enabled(BuiltInChecks.SHARED_WRITES) ? SharedWrites.skipped(DISABLED)
                        : ready.isEmpty() ? SharedWrites.skipped(none) : collector.writes(ready);
                LoadBalancerTraffic sent = !enabled(BuiltInChecks.LB_REACHES_ALL) ? LoadBalancerTraffic.skipped(DISABLED)
                        : ready.isEmpty() ? LoadBalancerTraffic.skipped(none) : collector.loadBalancer(replicas, ready);
                StateProbe state = !enabled(BuiltInChecks.CROSS_REPLICA_STATE) ? StateProbe.skipped(DISABLED)
                        : ready.isEmpty() ? StateProbe.skipped(none) : collector.state(replicas);
                DatabaseState db = collector.database(database, tablesBefore, replicas, sampling.finish());
                // a replica that was ready and has ended since is replicas-healthy's finding, with when and how
                for (Replica replica : ready) {
                    current.exitCode(replica).ifPresent(code -> settled.computeIfPresent(replica.id(),
                            (id, was) -> was.ended(code, current.exitedAt(replica).orElse(null))));
                }
                return new Evidence(spec, collector.markers(db), replicas, settled, current.logs(), db, writes, sent, state,
                        current.cluster().orElse(null));
            }, Run::collected);
            health = settled;
            timelines = ReplicaTimeline.of(evidence);
            traffic = evidence.loadBalancer();
            results = step(5, "Judging", () -> judge(evidence), judged -> {
                long failed = judged.stream().filter(r -> r.status() == Status.FAIL || r.status() == Status.ERROR).count();
                return failed == 0 ? "no check failed" : failed + " of " + Words.count(judged.size(), "check") + " failed";
            });
            if (!spec.scenarios().isEmpty()) {
                List<CheckResult> withScenarios = new ArrayList<>(results);
                results = withScenarios;
                ScenarioContext context = new ScenarioContext(spec, current, database, collector, headers, clock, replicas);
                String notRun = ready.size() < replicas.size() ? "not run: " + ready.size() + " of " + replicas.size()
                        + " replicas became ready at start-up (replicas-healthy says why)" : null;
                for (Scenario scenario : Scenario.of(spec.scenarios())) {
                    withScenarios.add(notRun != null ? CheckResult.skipped(scenario.id(), notRun)
                            : step(6, "Scenario " + scenario.id(), () -> scenario.run(context), r -> r.status() + ": " + r.summary()));
                }
            }
        } catch (StepFailed e) {
            environmentError = e.getMessage();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            cuttable = false;
            if (sampler != null) {
                sampler.close();
            }
        }
        if (interrupted) {
            Thread.interrupted();
            StepResult last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            environmentError = "interrupted" + (last == null ? "" : " during step " + last.number() + " (" + last.title() + ")")
                    + "; nothing was judged, and everything the run started was torn down";
            results = List.of();
            listener.interrupted();
        }
        List<LogLine> logs = logs();
        RunReport report = report(started, health, results, timelines, traffic, logs, environmentError);
        try {
            step(stepCount - 1, "Writing reports", () -> {
                reporter.accept(report);
                Deployment current = deployment;
                return logDirectory == null || current == null ? List.<Path>of() : current.saveLogs(logDirectory);
            }, saved -> saved.isEmpty() ? "done" : "done; each replica's whole output in " + logDirectory);
        } catch (StepFailed e) {
            environmentError = environmentError == null ? "reporting failed: " + e.getMessage() : environmentError;
        } finally {
            if (!keep) {
                try {
                    step(stepCount, "Tearing down", () -> {
                        teardown();
                        return "";
                    }, nothing -> "removed everything the run started");
                } catch (StepFailed e) {
                    environmentError = environmentError == null ? "teardown failed: " + e.getMessage() : environmentError;
                }
            }
        }
        return report(started, health, results, timelines, traffic, logs, environmentError);
    }

    /** What step 4 did, naming only the probes that ran. */
    private static String collected(Evidence e) {
        List<String> parts = new ArrayList<>();
        parts.add(Words.count(e.logs().size(), "log line"));
        if (e.writes().skippedReason() == null) {
            parts.add(Words.count(e.writes().writes().size(), "write") + " and " + Words.count(e.writes().reads().size(), "read")
                    + " of the shared directory");
        }
        if (e.loadBalancer().skippedReason() == null) {
            parts.add(Words.count(e.loadBalancer().requests(), "request") + " through the load balancer");
        }
        if (e.state().skippedReason() == null) {
            parts.add(Words.count(e.state().reads().size(), "state read"));
        }
        parts.add(Words.count(e.database().connections().samples(), "reading") + " of the database's connections");
        return String.join(", ", parts);
    }

    private boolean enabled(String check) {
        return BuiltInChecks.enabled(spec, check);
    }

    private List<CheckResult> judge(Evidence evidence) {
        List<CheckResult> judged = new ArrayList<>();
        List<Check> checks = new ArrayList<>(BuiltInChecks.all());
        if (evidence.cluster() != null) {
            // a check of platforms with several hosts only: on one machine it is not listed at all
            checks.add(new dev.scalecheck.core.check.ReplicasSpreadCheck());
        }
        for (Check check : checks) {
            judged.add(enabled(check.id()) ? check.evaluate(evidence)
                    : CheckResult.skipped(check.id(), "disabled in the spec (checks." + check.id() + ".enabled: false)"));
        }
        return judged;
    }

    private RunReport report(Instant started, Map<String, ReplicaHealth> health, List<CheckResult> results,
            List<ReplicaTimeline> timelines, LoadBalancerTraffic traffic, List<LogLine> logs, String error) {
        boolean sent = traffic != null && traffic.skippedReason() == null;
        return new RunReport(runId, orchestrator.name(), spec.service(), spec.replicas(), started,
                Duration.between(started, clock.instant()), steps, List.copyOf(health.values()), results, timelines,
                sent ? traffic.requests() : null, sent ? traffic.byReplica() : Map.of(), logs, error);
    }

    /**
     * Stops the run where it is (from another thread: a shutdown hook on Ctrl-C or SIGTERM). The
     * step under way ends as interrupted and the run goes on to write its reports, saying so,
     * and to tear down; {@link #awaitFinished} waits for that. After the run has ended, it does nothing.
     */
    public void interrupt() {
        if (finished.getCount() == 0) {
            return;
        }
        interrupted = true;
        Thread current = runner;
        if (cuttable && current != null) {
            current.interrupt();
        }
    }

    /** Whether {@link #interrupt()} stopped this run. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Waits up to {@code timeout} for {@link #execute} to return; true when it has. */
    public boolean awaitFinished(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The load balancer's address, once the replicas have started. */
    public java.util.Optional<java.net.URI> loadBalancer() {
        Deployment current = deployment;
        try {
            return current == null ? java.util.Optional.empty() : java.util.Optional.of(current.loadBalancer());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Every replica's log so far, or none when the deployment cannot give them (it never started). */
    private List<LogLine> logs() {
        Deployment current = deployment;
        try {
            return current == null ? List.of() : current.logs().stream().map(LogLine::plain).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Stops and removes everything the run started; safe to call twice and from another thread. */
    public void teardown() {
        Deployment current = deployment;
        if (current != null) {
            current.close();
        }
    }

    /** What a step does. */
    private interface Action<T> {
        T perform() throws Exception;
    }

    private <T> T step(int number, String title, Action<T> action, Function<T, String> outcome) throws InterruptedException {
        if (interrupted && cuttable) {
            throw new InterruptedException("interrupted before step " + number);
        }
        listener.stepStarted(number, stepCount, title);
        Instant start = clock.instant();
        try {
            T value = action.perform();
            if (interrupted && cuttable) {
                // a step that does not answer an interrupt (a JDBC call, an HTTP request) ended after it: its result is not used
                record(new StepResult(number, stepCount, title, Duration.between(start, clock.instant()), false, "interrupted"));
                throw new InterruptedException("interrupted during step " + number);
            }
            record(new StepResult(number, stepCount, title, Duration.between(start, clock.instant()), true, outcome.apply(value)));
            return value;
        } catch (InterruptedException e) {
            record(new StepResult(number, stepCount, title, Duration.between(start, clock.instant()), false, "interrupted"));
            throw e;
        } catch (Exception e) {
            if (interrupted && cuttable) {
                // what an interrupt broke (a closed channel, an aborted wait) is the interrupt, not the service's failure
                record(new StepResult(number, stepCount, title, Duration.between(start, clock.instant()), false, "interrupted"));
                throw new InterruptedException("interrupted during step " + number);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            record(new StepResult(number, stepCount, title, Duration.between(start, clock.instant()), false, message));
            throw new StepFailed(message, e);
        }
    }

    private void record(StepResult result) {
        steps.add(result);
        listener.stepFinished(result);
    }

    /** A step could not be carried out: an environment problem, reported and then torn down. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
