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
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * The reference service: started as N replicas against one MariaDB, it coordinates its
 * migrations with a named lock, answers health and readiness, keeps items in the database and
 * writes the shared data directory. Configured by environment only; see {@link Config}.
 */
public final class DemoApi {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Duration DB_POLL = Duration.ofMillis(250);

    private final Config config;
    private final Clock clock;
    private final StartupLog log;
    private final MigrationStatus status = new MigrationStatus();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private volatile HttpServer server;
    private volatile HttpApi api;
    private volatile HikariDataSource pool;
    private volatile MigrationCoordinator coordinator;
    private boolean stopped;

    DemoApi(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.log = new StartupLog(System.out, clock, config.replicaId());
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
        Signal.handle(new Signal("TERM"), signal -> app.stopAndExit());
        Signal.handle(new Signal("INT"), signal -> app.stopAndExit());
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
            ItemStore items = config.has(Fault.MEMORY_STATE) ? new MemoryItemStore() : new DatabaseItemStore(dataSource);
            DataDirectory data = new DataDirectory(config.dataDir(), !config.has(Fault.READONLY_DATA));
            Readiness readiness = new Readiness(config.replicaId(), config.poolSize(), status, () -> this.pool, config.dbKind());
            api = new HttpApi(config.replicaId(), version(), readiness, items, data);
            startServer(api);
            log.info("Database pool created (max=" + config.poolSize() + ")");
            waitForDatabase(dataSource);
            coordinator = new MigrationCoordinator(config, migrator(dataSource), this::openLockConnection, log, status, clock);
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

    private SchemaMigrator migrator(HikariDataSource dataSource) {
        return config.has(Fault.NO_LOCK) ? new PlainSqlMigrator(dataSource, config.dbKind(), FlywayMigrator.SCRIPTS)
                : new FlywayMigrator(dataSource, config.dbKind());
    }

    private Connection openLockConnection() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", config.dbUser());
        credentials.setProperty("password", config.dbPassword().value());
        return DriverManager.getConnection(config.dbUrl(), credentials);
    }

    private void stopAndExit() {
        Thread stopper = new Thread(() -> {
            stop();
            System.exit(0);
        }, "shutdown");
        // the signal dispatcher is a daemon thread and so would this be; as a daemon, the JVM
        // would end as soon as the server's threads stopped, before the pool was closed
        stopper.setDaemon(false);
        stopper.start();
    }

    /**
     * Refuses new requests, lets in-flight ones finish (up to the grace period), closes the pool
     * and any kept lock. The JDK 17 HttpServer's own stop(delay) always waits the whole delay
     * (JDK-8304065), so the draining is ours and stop(0) only closes the socket.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (api != null) {
            api.drain();
            try {
                api.awaitIdle(SHUTDOWN_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.stop(0);
        }
        executor.shutdown();
        if (coordinator != null) {
            coordinator.closeKeptLock();
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
