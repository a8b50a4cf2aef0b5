package dev.scalecheck.demo;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * The reference service: started as N replicas against one MariaDB, it coordinates its
 * migrations with a named lock, answers health and readiness, keeps items in the database and
 * writes the shared data directory. Configured by environment only; see {@link Config}.
 *
 * <p>SIGTERM or SIGINT drains: readiness answers 503 at once while other requests are still
 * served, until none has arrived for a second (or DEMO_DRAIN_TIMEOUT); then the server stops
 * after the requests still running, the pool closes and the process exits 0.
 */
public final class DemoApi {
    /** How long requests still running when the drain ends may take to finish. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);
    private static final Duration DB_POLL = Duration.ofMillis(250);
    private static final Duration DRAIN_POLL = Duration.ofMillis(20);

    private final Config config;
    private final Clock clock;
    private final StartupLog log;
    private final MigrationStatus status = new MigrationStatus();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Drain drain;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile HttpServer server;
    private volatile HikariDataSource pool;
    private volatile Connections.Single singleConnection;
    private volatile MigrationCoordinator coordinator;
    private boolean stopped;

    DemoApi(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.log = new StartupLog(System.out, clock, config.replicaId());
        this.drain = new Drain(clock);
    }

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("demo-api: " + e.getMessage());
            System.exit(2);
            return;
        }
        DemoApi app = new DemoApi(config, Clock.systemUTC());
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), app::onSignal);
        }
        int code = app.start();
        if (code != 0) {
            app.stop();
            System.exit(code);
        }
    }

    /** Runs start-up to ready; returns 0, or the exit code after a fatal error. */
    int start() {
        String faults = config.faults().stream().map(Fault::id).sorted().collect(Collectors.joining(","));
        log.info("Starting demo-api " + version() + (faults.isEmpty() ? "" : " with faults " + faults));
        try {
            HikariDataSource dataSource = createPool();
            this.pool = dataSource;
            Connections requests = requestConnections(dataSource);
            ItemStore items = config.has(Fault.MEMORY_STATE) ? new MemoryItemStore() : new DatabaseItemStore(requests);
            DataDirectory data = new DataDirectory(config.dataDir(), !config.has(Fault.READONLY_DATA));
            Readiness readiness = new Readiness(config.replicaId(), config.poolSize(), status, () -> requests, config.dbKind());
            startServer(new HttpApi(config.replicaId(), version(), readiness, items, data, drain));
            log.info("Database pool created (max=" + config.poolSize() + ")");
            waitForDatabase(dataSource);
            if (singleConnection != null) {
                singleConnection.keep(openConnection());
                log.info("Requests use one connection opened now, never checked or reopened (fault no-reconnect)");
            }
            coordinator = coordinator(dataSource);
            coordinator.run();
            if (config.has(Fault.SLOW_START)) {
                status.phase(MigrationStatus.Phase.SLOW_START);
                log.info("Slow start: waiting " + config.slowStart().toSeconds() + " s before ready (fault slow-start)");
                Thread.sleep(config.slowStart().toMillis());
            }
            status.phase(MigrationStatus.Phase.READY);
            log.info("Ready on port " + server.getAddress().getPort());
            return 0;
        } catch (MigrationException | SQLException e) {
            status.failed(e.getMessage());
            log.fatal(e.getMessage());
            return 1;
        } catch (IOException e) {
            log.fatal("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private HikariDataSource createPool() {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("demo-api");
        hikari.setJdbcUrl(config.dbUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword().value());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(3_000);
        hikari.setMinimumIdle(Math.min(config.poolSize(), 10));
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /** The pool; with fault no-reconnect one connection, opened once the database answers. */
    private Connections requestConnections(HikariDataSource dataSource) {
        if (!config.has(Fault.NO_RECONNECT)) {
            return Connections.pooled(dataSource);
        }
        singleConnection = new Connections.Single();
        return singleConnection;
    }

    private void startServer(HttpApi api) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        api.register(created);
        created.setExecutor(executor);
        created.start();
        server = created;
    }

    private void waitForDatabase(HikariDataSource dataSource) throws InterruptedException {
        status.phase(MigrationStatus.Phase.WAITING_FOR_DATABASE);
        Instant deadline = clock.instant().plus(config.dbWait());
        boolean announced = false;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                String cause = rootCause(e);
                if (clock.instant().isAfter(deadline)) {
                    throw new MigrationException("database not reachable after " + config.dbWait().toSeconds()
                            + " s (" + cause + "); check DB_URL, DB_USER and that the database is up");
                }
                if (!announced) {
                    log.info("Waiting for database: " + cause);
                    announced = true;
                }
            }
            Thread.sleep(DB_POLL.toMillis());
        }
    }

    private MigrationCoordinator coordinator(HikariDataSource dataSource) {
        if (config.has(Fault.NO_LOCK)) {
            return new MigrationCoordinator(config, new PlainSqlMigrator(dataSource, config.dbKind(), FlywayMigrator.SCRIPTS),
                    () -> {
                        throw new IllegalStateException("fault no-lock takes no lock");
                    }, log, status, clock);
        }
        FlywayMigrator flyway = new FlywayMigrator(dataSource, config.dbKind());
        MigrationCoordinator.LockSource locks = config.has(Fault.STALE_LOCK) ? () -> tableLock(dataSource, flyway)
                : () -> new SessionLock(openConnection(), config.dbKind(), Config.LOCK_NAME);
        return new MigrationCoordinator(config, flyway, locks, log, status, clock);
    }

    /** Flyway's history table first, then the lock table: see {@link FlywayMigrator#createHistoryTable()}. */
    private MigrationLock tableLock(HikariDataSource dataSource, FlywayMigrator flyway) throws SQLException {
        if (!flyway.historyExists()) {
            log.info("Letting Flyway create flyway_schema_history, applying nothing, before the lock table (fault stale-lock)");
            flyway.createHistoryTable();
        }
        TableLock lock = TableLock.open(dataSource, config.dbKind(), config.lockOwner(), clock);
        log.info("Migration lock is the row of table " + TableLock.TABLE + ", taken as '" + config.lockOwner()
                + "' (fault stale-lock)");
        return lock;
    }

    private Connection openConnection() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", config.dbUser());
        credentials.setProperty("password", config.dbPassword().value());
        return DriverManager.getConnection(config.dbUrl(), credentials);
    }

    /** SIGTERM or SIGINT: drain then exit 0; with fault no-drain, end at once as a killed process does (128 + the signal). */
    private void onSignal(Signal signal) {
        if (!signalled.compareAndSet(false, true)) {
            return;
        }
        String name = "SIG" + signal.getName();
        if (config.has(Fault.NO_DRAIN)) {
            log.info("Received " + name + ": exiting at once, requests in flight are cut (fault no-drain)");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        Thread stopper = new Thread(() -> {
            drainThenStop(name);
            System.exit(0);
        }, "shutdown");
        // the signal dispatcher is a daemon thread and so would this be; as a daemon, the JVM
        // would end as soon as the server's threads stopped, before the pool was closed
        stopper.setDaemon(false);
        stopper.start();
    }

    /**
     * Readiness answers 503 from now on so that load balancers take this replica out, while
     * other requests are still served; once none has arrived for a second and none is running,
     * or at the drain timeout, {@link #stop()}.
     */
    void drainThenStop(String cause) {
        if (server != null) {
            drain.begin();
            log.info("Draining (" + cause + "): readiness answers 503 from now on; stopping once no request has come for "
                    + Drain.QUIET.toSeconds() + " s, within " + config.drainTimeout().toSeconds() + " s (DEMO_DRAIN_TIMEOUT)");
            try {
                Optional<String> ended;
                while ((ended = drain.ended(config.drainTimeout())).isEmpty()) {
                    Thread.sleep(DRAIN_POLL.toMillis());
                }
                int served = drain.servedWhileDraining();
                log.info(String.format(Locale.ROOT, "Drained in %.2f s (%s): served %d request%s while draining",
                        drain.elapsed().toMillis() / 1000.0, ended.get(), served, served == 1 ? "" : "s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    /**
     * Refuses new requests, lets in-flight ones finish (up to a grace period), closes the pool
     * and any kept lock. The JDK 17 HttpServer's own stop(delay) always waits the whole delay
     * (JDK-8304065), so the waiting is ours and stop(0) only closes the socket.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        drain.close();
        if (server != null) {
            try {
                drain.awaitIdle(IN_FLIGHT_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
        }
        executor.shutdown();
        if (coordinator != null) {
            coordinator.closeKeptLock();
        }
        if (singleConnection != null) {
            singleConnection.close();
        }
        if (pool != null) {
            pool.close();
        }
        log.info("Shutdown complete");
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String version() {
        String version = DemoApi.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
