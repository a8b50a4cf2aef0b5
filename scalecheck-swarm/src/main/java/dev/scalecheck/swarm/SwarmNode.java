package dev.scalecheck.swarm;

/**
 * One row of {@code docker node ls --format json}.
 *
 * @param hostname as tasks name their node
 * @param status Ready, Down, Unknown, Disconnected
 * @param availability Active, Pause, Drain
 * @param manager whether it is a manager (ManagerStatus Leader, Reachable, Unreachable)
 */
record SwarmNode(String id, String hostname, String status, String availability, boolean manager) {

    /** Can run new tasks: Ready and Active. */
    boolean schedulable() {
        return status.equalsIgnoreCase("ready") && availability.equalsIgnoreCase("active");
    }
}
