package dev.scalecheck.demo;

/** What this replica knows about its start-up migration work; read by the readiness endpoint. */
final class MigrationStatus {

    enum Phase { STARTING, WAITING_FOR_DATABASE, MIGRATING, SLOW_START, READY, FAILED }

    /** An immutable copy for one readiness answer. */
    record Snapshot(Phase phase, int pending, int applied, boolean fastPath, boolean lockAcquired, String error) {}

    private Phase phase = Phase.STARTING;
    private int pending = -1;
    private int applied;
    private boolean fastPath;
    private boolean lockAcquired;
    private String error;

    synchronized void phase(Phase next) {
        phase = next;
    }

    synchronized void pending(int count) {
        pending = count;
    }

    synchronized void applied(int count) {
        applied = count;
        pending = 0;
    }

    synchronized void fastPath() {
        fastPath = true;
        pending = 0;
    }

    synchronized void lockAcquired() {
        lockAcquired = true;
    }

    synchronized void failed(String message) {
        phase = Phase.FAILED;
        error = message;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(phase, pending, applied, fastPath, lockAcquired, error);
    }
}
