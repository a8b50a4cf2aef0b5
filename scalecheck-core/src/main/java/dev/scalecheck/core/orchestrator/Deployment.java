package dev.scalecheck.core.orchestrator;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One run's environment, driven step by step by the runner. Implementations hold the state of
 * what they started and must tear all of it down in {@link #close()}, also after a failure.
 */
public interface Deployment extends AutoCloseable {

    /** Step 1: removes whatever a previous run left (containers, volumes, data); says what it did. */
    String reset();

    /** Step 2: starts a fresh database and waits until it answers. */
    SqlDatabase startDatabase(Deadline deadline);

    /** Step 3: starts {@code count} replicas at once and returns without waiting for readiness. */
    List<Replica> startReplicas(int count);

    /**
     * An HTTP request to one replica directly, bypassing the load balancer. Header values may be
     * secret: they never go on a command line nor into an error message.
     */
    HttpAnswer request(Replica replica, String method, String path, String body, Map<String, String> headers);

    /** A request without headers of its own. */
    default HttpAnswer request(Replica replica, String method, String path, String body) {
        return request(replica, method, path, body, Map.of());
    }

    /**
     * Runs a command in the replica's own environment ({@code exec} into its container, or a
     * process with its environment and directory), with {@code stdin} on standard input.
     */
    Command.Result exec(Replica replica, List<String> command, String stdin);

    /**
     * Why the platform itself does not count the replica as healthy (Docker's healthcheck
     * status, with the last check's output), or empty when it does or has no verdict of its own.
     * A replica is ready only when this is empty and its own endpoint answers 2xx.
     */
    default Optional<String> platformUnhealthy(Replica replica) {
        return Optional.empty();
    }

    /** The exit code of a replica that has ended. */
    OptionalInt exitCode(Replica replica);

    /** When a replica that has ended did so, where the platform can tell; else empty. */
    default Optional<Instant> exitedAt(Replica replica) {
        return Optional.empty();
    }

    /**
     * The replicas' log lines so far, each with its timestamp, in time order. Bounded: an
     * implementation may keep only the lines the checks judge by
     * ({@link dev.scalecheck.core.check.BuiltInChecks#judgedLines}) and each replica's last lines,
     * with a line in place of the others saying how many there were and where they all are.
     */
    List<LogLine> logs();

    /**
     * Writes every replica's whole output, as far as the platform kept it, into {@code directory}
     * (one {@code <replica>.log} each, streamed, not held in memory): the full logs beside the
     * report, where {@link #logs()} keeps only the lines the checks judge by and a tail.
     *
     * @return the files written
     */
    List<java.nio.file.Path> saveLogs(java.nio.file.Path directory);

    /**
     * Where the platform could place the replicas, when it spreads them over several hosts
     * (swarm); empty on one machine (local, compose), where the replicas-spread check does not apply.
     */
    default Optional<Cluster> cluster() {
        return Optional.empty();
    }

    /** The load balancer in front of the replicas. */
    URI loadBalancer();

    /**
     * Requests each replica served so far (by replica id), as the load balancer itself counted
     * them, where it can tell; else empty. The counts only grow: callers take the difference.
     */
    Map<String, Integer> loadBalancerCounts();

    /**
     * Which replica each database client address ({@code host:port}, as the database lists its
     * sessions) belongs to, where the platform can tell: locally by the socket's owning process,
     * on compose by the container's address. Addresses it cannot trace are left out.
     */
    default Map<String, String> replicasOf(List<Replica> replicas, Collection<String> clients) {
        return Map.of();
    }

    /**
     * Scenarios: stops one replica as its platform does on a restart: SIGTERM to its whole
     * process group ({@code docker stop}), SIGKILL after {@code grace}; returns when it has ended.
     * The load balancer is not told: it finds out as it would in production, by its own health checks.
     */
    void stopReplica(Replica replica, Duration grace);

    /** Scenarios: ends one replica at once (SIGKILL to its process group; {@code docker kill}); returns when it has ended. */
    void killReplica(Replica replica);

    /**
     * Scenarios: starts a stopped or killed replica again in its place: the same id and index,
     * locally a new process on the same port with the same environment, on compose the same
     * container started again. Returns without waiting for readiness; the answer carries the new start time.
     */
    Replica startAgain(Replica replica);

    /**
     * Scenarios: restarts the database under the replicas: a clean stop (SIGTERM; {@code docker
     * restart}), then the same server on the same data and address. Returns when it answers again.
     */
    void restartDatabase(Deadline deadline);

    /**
     * Scenarios: replaces the application's database with an empty one of the same name, owned
     * and granted as before, so that the next replica to start migrates from nothing. Every
     * replica must be stopped first.
     */
    void emptyDatabase();

    /**
     * Scenarios on several hosts: why no host can be lost here, or empty when {@link #stopNode} can
     * stop one (a platform of one machine cannot).
     */
    default Optional<String> cannotLoseNode() {
        return Optional.of("the replicas run on one machine; it applies to orchestrator swarm");
    }

    /**
     * Scenarios on several hosts: stops a whole host that runs replicas, as a power cut or a
     * crashed host does (in the lab, its node container), never the one that runs the database
     * or the load balancer. Returns its name once it has stopped; the platform is not told.
     */
    default String stopNode(List<Replica> replicas) {
        throw new OrchestratorException(cannotLoseNode().orElse("this platform cannot stop a host"));
    }

    /** Scenarios: starts a host stopped by {@link #stopNode} again; returns when the platform counts it ready. */
    default void startNode(String node, Deadline deadline) {
        throw new OrchestratorException(cannotLoseNode().orElse("this platform cannot start a host"));
    }

    /** Step 7: stops and removes everything this deployment started. Safe to call twice. */
    @Override
    void close();
}
