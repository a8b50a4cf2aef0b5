package dev.scalecheck.demo;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Start-up migration coordination: a fast path without a lock when the schema is current;
 * otherwise take the named lock, re-check, migrate, release. Each step is one log line.
 */
final class MigrationCoordinator {

    /** Opens the lock migrations run under (a session lock on its own connection, or the stale-lock fault's table lock). */
    interface LockSource {
        MigrationLock open() throws SQLException;
    }

    private final Config config;
    private final SchemaMigrator migrator;
    private final LockSource locks;
    private final StartupLog log;
    private final MigrationStatus status;
    private final Clock clock;
    private volatile MigrationLock keptLock;

    MigrationCoordinator(Config config, SchemaMigrator migrator, LockSource locks,
            StartupLog log, MigrationStatus status, Clock clock) {
        this.config = config;
        this.migrator = migrator;
        this.locks = locks;
        this.log = log;
        this.status = status;
        this.clock = clock;
    }

    void run() throws SQLException, InterruptedException {
        status.phase(MigrationStatus.Phase.MIGRATING);
        int pending = migrator.pendingCount();
        status.pending(pending);
        boolean serial = config.has(Fault.SERIAL_LOCK);
        if (config.has(Fault.NO_LOCK)) {
            runWithoutLock(pending);
            return;
        }
        if (pending == 0 && !serial) {
            status.fastPath();
            log.info("Fast path: schema up to date, no lock needed");
            return;
        }
        if (pending > 0) {
            log.info("Pending migrations detected (" + pending + ") - acquiring lock");
        } else {
            log.info("Schema up to date but taking migration lock anyway (fault serial-lock)");
        }
        MigrationLock lock = locks.open();
        boolean acquired = false;
        try {
            acquire(lock);
            acquired = true;
            int stillPending = migrator.pendingCount();
            if (stillPending == 0) {
                status.applied(0);
                if (pending > 0) {
                    log.info("Another replica completed migrations while we waited");
                }
            } else {
                if (!config.migrationDelay().isZero()) {
                    log.info("Holding migration lock '" + lock.name() + "' " + config.migrationDelay().toSeconds()
                            + " s before applying (DEMO_MIGRATION_DELAY)");
                    Thread.sleep(config.migrationDelay().toMillis());
                }
                migrate(stillPending);
            }
            if (serial) {
                log.info("Holding migration lock for " + config.lockHold().toSeconds() + " s (fault serial-lock)");
                Thread.sleep(config.lockHold().toMillis());
            }
        } finally {
            if (acquired && config.has(Fault.KEEP_LOCK)) {
                keptLock = lock;
                log.info("Not releasing migration lock '" + lock.name() + "' (fault keep-lock)");
            } else {
                try (lock) {
                    if (acquired) {
                        lock.release();
                        log.info("Released migration lock '" + lock.name() + "'");
                    }
                }
            }
        }
    }

    private void acquire(MigrationLock lock) throws SQLException, InterruptedException {
        String holder = lock.holder();
        if (holder != null) {
            log.info("Waiting for migration lock '" + lock.name() + "' (" + holder + ")");
        }
        if (!lock.acquire(config.lockTimeout())) {
            String stillHolding = lock.holder();
            throw new MigrationException("timed out after " + config.lockTimeout().toSeconds()
                    + " s waiting for migration lock '" + lock.name() + "' (" + (stillHolding == null ? "free now" : stillHolding)
                    + "); " + lock.stuckHint());
        }
        status.lockAcquired();
        log.info("Acquired migration lock '" + lock.name() + "'");
    }

    private void runWithoutLock(int pending) throws SQLException {
        if (pending == 0) {
            status.fastPath();
            log.info("Fast path: schema up to date, no lock needed");
            return;
        }
        log.info("Pending migrations detected (" + pending + ") - applying without lock (fault no-lock)");
        migrate(pending);
    }

    private void migrate(int pending) throws SQLException {
        log.info("Applying " + pending + " migrations");
        Instant start = clock.instant();
        int applied = migrator.migrate();
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        status.applied(applied);
        log.info(String.format(Locale.ROOT, "Migrations complete (%d applied in %.2f s)", applied, seconds));
    }

    /** Closes a lock kept by the keep-lock fault; the process is ending. */
    void closeKeptLock() {
        MigrationLock lock = keptLock;
        if (lock != null) {
            try {
                lock.close();
            } catch (SQLException ignored) {
                // the process is ending; the server frees the lock with the session
            }
        }
    }
}
