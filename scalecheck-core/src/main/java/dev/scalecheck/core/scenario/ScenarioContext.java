package dev.scalecheck.core.scenario;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.EvidenceCollector;
import dev.scalecheck.core.evidence.PlainHttp;
import dev.scalecheck.core.evidence.ProbeHeaders;
import dev.scalecheck.core.evidence.ReplicaHealth;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Spec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What a scenario works with: the run's deployment, database and probes, and the replicas as they are now. */
public final class ScenarioContext {
    /** How long a restarted replica may take to get its first request through the load balancer. */
    static final Duration ROUTED_AGAIN = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Spec spec;
    private final Deployment deployment;
    private final SqlDatabase database;
    private final EvidenceCollector collector;
    private final ProbeHeaders headers;
    private final Clock clock;
    private final List<Replica> replicas;
    private final PlainHttp http = new PlainHttp(Duration.ofSeconds(5));

    public ScenarioContext(Spec spec, Deployment deployment, SqlDatabase database, EvidenceCollector collector,
            ProbeHeaders headers, Clock clock, List<Replica> replicas) {
        this.spec = spec;
        this.deployment = deployment;
        this.database = database;
        this.collector = collector;
        this.headers = headers;
        this.clock = clock;
        this.replicas = new ArrayList<>(replicas);
    }

    Spec spec() {
        return spec;
    }

    Deployment deployment() {
        return deployment;
    }

    SqlDatabase database() {
        return database;
    }

    EvidenceCollector collector() {
        return collector;
    }

    ProbeHeaders headers() {
        return headers;
    }

    Clock clock() {
        return clock;
    }

    /** The replicas now, in index order, each as last started. */
    public synchronized List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /** Records that {@code replica} was started again. */
    synchronized void replace(Replica replica) {
        replicas.replaceAll(each -> each.id().equals(replica.id()) ? replica : each);
    }

    Workload startWorkload(String phase) {
        return Workload.start(spec, deployment.loadBalancer(), headers, clock, phase);
    }

    /** Polls each replica's readiness (the health timeout of the spec). */
    Map<String, ReplicaHealth> awaitReady(List<Replica> wanted) throws InterruptedException {
        return collector.awaitReadiness(wanted);
    }

    /** Starts {@code wanted} again, all at once, and records them. */
    List<Replica> startAgain(List<Replica> wanted) throws InterruptedException {
        List<Replica> started = inParallel(wanted, deployment::startAgain);
        started.forEach(this::replace);
        return started;
    }

    /** Stops {@code wanted} all at once (SIGTERM, SIGKILL after the workload's stop grace). */
    void stop(List<Replica> wanted) throws InterruptedException {
        inParallel(wanted, replica -> {
            deployment.stopReplica(replica, spec.workload().stopGrace());
            return replica;
        });
    }

    /**
     * Waits until the load balancer sends {@code replica} requests again, so the next fault does
     * not hit a rotation still missing it. It sends requests for {@code checks.lb-reaches-all.path}
     * (else the health path) through the balancer meanwhile, and tells who answered by the
     * balancer's own counts where it keeps them, else by the spec's replica header
     * ({@code checks.lb-reaches-all.replicaHeader}). With neither it cannot be told: false at once.
     */
    boolean awaitRouted(Replica replica) throws InterruptedException {
        Spec.LbReachesAll settings = spec.checks().lbReachesAll();
        boolean counted = !deployment.loadBalancerCounts().isEmpty();
        if (!counted && settings.replicaHeader() == null) {
            return false;
        }
        URI url = deployment.loadBalancer().resolve(settings.path() != null ? settings.path() : spec.health().path());
        return Deadline.after(ROUTED_AGAIN, clock).poll(POLL, () -> {
            int was = deployment.loadBalancerCounts().getOrDefault(replica.id(), 0);
            HttpAnswer answer = http.send("GET", url, null, headers.plain());
            boolean answered = counted ? deployment.loadBalancerCounts().getOrDefault(replica.id(), 0) > was
                    : answer.header(settings.replicaHeader()).filter(name -> names(replica, name)).isPresent();
            return answered ? Optional.of(true) : Optional.empty();
        }).isPresent();
    }

    /** {@link #awaitRouted} for every replica; the ones the balancer did not come back to. */
    List<String> awaitAllRouted() throws InterruptedException {
        List<String> missing = new ArrayList<>();
        boolean told = !deployment.loadBalancerCounts().isEmpty() || spec.checks().lbReachesAll().replicaHeader() != null;
        for (Replica replica : replicas()) {
            if (told && !awaitRouted(replica)) {
                missing.add(replica.id());
            }
        }
        return missing;
    }

    /** A header value names the replica by its id, its container's host name or its address. */
    private boolean names(Replica replica, String value) {
        return replica.id().equals(value) || replica.address().startsWith(value)
                || replica.id().equals(deployment.replicasOf(List.of(replica), List.of(value)).get(value));
    }

    /** Lets the workload run calm for the spec's baseline: a measured window, not a wait for anything. */
    void baseline() throws InterruptedException {
        Thread.sleep(spec.workload().baseline().toMillis());
    }

    /** The replicas' log lines since {@code since}. */
    List<LogLine> logsSince(Instant since) {
        return deployment.logs().stream().filter(line -> !line.at().isBefore(since)).toList();
    }

    Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private interface Operation {
        Replica apply(Replica replica) throws Exception;
    }

    private static List<Replica> inParallel(List<Replica> wanted, Operation operation) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, wanted.size()));
        try {
            List<Future<Replica>> running = new ArrayList<>();
            for (Replica replica : wanted) {
                running.add(pool.submit(() -> operation.apply(replica)));
            }
            List<Replica> done = new ArrayList<>();
            for (Future<Replica> each : running) {
                try {
                    done.add(each.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause.getMessage(), cause);
                }
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }
}
