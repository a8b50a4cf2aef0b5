package dev.scalecheck.swarm;

import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI against the swarm's manager (DOCKER_HOST or the current context, as for any
 * docker command), and against one node's own engine for what only the node can do (exec into
 * a task's container, stop it, list its volumes). Every command is a {@code List<String>} with a deadline.
 */
final class SwarmCli {
    /**
     * How a node's engine is reached from here, {@code {addr}} being the node's address in the
     * swarm; the lab's nodes serve tcp:2375 (scripts/swarm-lab.sh). On real hosts set
     * SCALECHECK_SWARM_NODE_ENGINE, e.g. {@code ssh://admin@{addr}}.
     */
    static final String NODE_ENGINE = "SCALECHECK_SWARM_NODE_ENGINE";
    private static final String DEFAULT_NODE_ENGINE = "tcp://{addr}:2375";

    private final Path directory;
    private final Map<String, String> environment;
    private final String nodeEngine;

    SwarmCli(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        String configured = System.getenv(NODE_ENGINE);
        this.nodeEngine = configured == null || configured.isBlank() ? DEFAULT_NODE_ENGINE : configured;
    }

    /** {@code docker <args>} against the manager. */
    Command.Result run(Duration timeout, String stdin, List<String> args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        return Command.run(command, directory, environment, timeout, stdin);
    }

    /** {@code docker <args>} against the manager; a non-zero exit is an OrchestratorException naming the command and its error. */
    Command.Result require(Duration timeout, String... args) {
        return check(run(timeout, null, List.of(args)), List.of(args));
    }

    /** {@code docker -H <node's engine> <args>}. */
    Command.Result onNode(String address, Duration timeout, String stdin, List<String> args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", nodeEngine.replace("{addr}", address)));
        command.addAll(args);
        return Command.run(command, directory, environment, timeout, stdin);
    }

    Command.Result requireOnNode(String address, Duration timeout, String... args) {
        return check(onNode(address, timeout, null, List.of(args)), List.of(args));
    }

    private static Command.Result check(Command.Result result, List<String> args) {
        if (!result.ok()) {
            throw new OrchestratorException("docker " + String.join(" ", args.subList(0, Math.min(args.size(), 8))) + " failed (exit "
                    + result.code() + "): " + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }

    static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
