package dev.scalecheck.core.evidence;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.Session;
import dev.scalecheck.core.orchestrator.Deployment;
import dev.scalecheck.core.orchestrator.Replica;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the database's process list at a steady interval while the replicas run, and keeps the
 * most connections each replica held at once. Needs no cooperation from the service: each
 * session's client address is traced to a replica by the deployment.
 */
public final class ConnectionSampler implements AutoCloseable {
    private final SqlDatabase database;
    private final Dialect dialect;
    private final Deployment deployment;
    private final List<Replica> replicas;
    private final ScheduledExecutorService timer;
    private final Map<String, Integer> peaks = new HashMap<>();
    private int peakUntraced;
    private int peakTotal;
    private int samples;
    private String lastError;

    private ConnectionSampler(SqlDatabase database, Dialect dialect, Deployment deployment, List<Replica> replicas) {
        this.database = database;
        this.dialect = dialect;
        this.deployment = deployment;
        this.replicas = List.copyOf(replicas);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scalecheck-connections");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sampling every {@code interval}, at once for the first time. */
    public static ConnectionSampler start(SqlDatabase database, Dialect dialect, Deployment deployment, List<Replica> replicas,
            Duration interval) {
        ConnectionSampler sampler = new ConnectionSampler(database, dialect, deployment, replicas);
        sampler.timer.scheduleWithFixedDelay(sampler::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            synchronized (this) {
                lastError = e.getMessage();
            }
        }
    }

    /** One reading of the process list, now. */
    void sample() {
        List<Session> sessions = dialect.sessions(database);
        Map<String, String> owners = deployment.replicasOf(replicas, sessions.stream().map(Session::client).toList());
        Map<String, Integer> counts = new HashMap<>();
        int untraced = 0;
        for (Session session : sessions) {
            String replica = owners.get(session.client());
            if (replica == null) {
                untraced++;
            } else {
                counts.merge(replica, 1, Integer::sum);
            }
        }
        synchronized (this) {
            counts.forEach((replica, count) -> peaks.merge(replica, count, Math::max));
            peakUntraced = Math.max(peakUntraced, untraced);
            peakTotal = Math.max(peakTotal, sessions.size());
            samples++;
        }
    }

    /** Stops sampling (after one last reading) and says what was seen. */
    public ConnectionUse finish() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleQuietly();
        synchronized (this) {
            if (samples == 0) {
                return ConnectionUse.none("the database's process list could not be read" + (lastError == null ? "" : ": " + lastError));
            }
            return new ConnectionUse(peaks, peakUntraced, peakTotal, samples, null);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
