package dev.scalecheck.swarm;

/**
 * One row of {@code docker service ps --no-trunc --format json}: a task of a service, current or
 * history (a replaced task keeps its slot and has DesiredState Shutdown).
 *
 * @param id the full task id
 * @param service the service's full name, e.g. {@code example_api}
 * @param slot the replica's slot, 1..N
 * @param node the node's hostname, empty before the task is assigned
 * @param desiredState Running, Shutdown, ... (what the manager wants)
 * @param state the first word of CurrentState, lower case: new, pending, assigned, preparing,
 *     starting, running, complete, shutdown, failed, rejected, orphaned
 * @param error the task's error, e.g. {@code task: non-zero exit (255)}, empty when none
 */
record Task(String id, String service, int slot, String node, String desiredState, String state, String error) {

    boolean desiredRunning() {
        return desiredState.equalsIgnoreCase("running");
    }

    boolean running() {
        return state.equals("running");
    }

    /** Ended, or never going to run: the manager replaces it. */
    boolean ended() {
        return java.util.Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove").contains(state);
    }

    /** How the report names the task: {@code running on node2}, {@code failed on node3 (task: non-zero exit (1))}. */
    String describe() {
        return state + (node.isEmpty() ? " (not assigned to a node)" : " on " + node) + (error.isEmpty() ? "" : " (" + error + ")");
    }
}
