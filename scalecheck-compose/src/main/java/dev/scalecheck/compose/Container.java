package dev.scalecheck.compose;

/**
 * One container as {@code docker compose ps --format json} describes it.
 *
 * @param number the {@code com.docker.compose.container-number} label: what {@code exec --index} takes
 * @param health "healthy", "unhealthy", "starting", or "" without a healthcheck
 */
record Container(String id, String name, String service, int number, String state, String health, int exitCode) {

    boolean running() {
        return state.equals("running");
    }
}
