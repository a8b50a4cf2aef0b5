package com.example.notes.liquibase;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/**
 * A notes service: serves HTTP at once (health says DOWN), migrates its schema with Liquibase,
 * then reports UP. Configured by environment only; see {@link Settings}.
 */
public final class LiquibaseNotesApplication {
    static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

    private final Logger log = LoggerFactory.getLogger(LiquibaseNotesApplication.class);
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(16);
    private HttpServer server;
    private HikariDataSource pool;
    private boolean stopped;

    public static void main(String[] args) {
        long startedAt = System.nanoTime();
        // the log pattern shows the process id, as Spring Boot's does
        System.setProperty("PID", String.valueOf(ProcessHandle.current().pid()));
        // Liquibase logs through java.util.logging: send it to SLF4J (logback) instead of stderr
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LiquibaseNotesApplication app = new LiquibaseNotesApplication();
        Signal.handle(new Signal("TERM"), signal -> app.stopAndExit(0));
        Signal.handle(new Signal("INT"), signal -> app.stopAndExit(0));
        try {
            app.run(startedAt);
        } catch (Exception | LinkageError e) {
            app.log.error("Application run failed", e);
            app.stopAndExit(1);
        }
    }

    private void run(long startedAt) throws Exception {
        log.info("Starting LiquibaseNotesApplication using Java {} with PID {}",
                System.getProperty("java.version"), ProcessHandle.current().pid());
        Settings settings = Settings.fromEnvironment(System.getenv());
        NotesApi api = new NotesApi(settings.apiToken());
        synchronized (this) {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
            server.setExecutor(httpThreads);
            api.register(server);
            server.start();
        }
        log.info("HTTP server started on {}:{}", settings.bindAddress(), settings.port());

        HikariDataSource dataSource = new HikariDataSource(hikari(settings));
        synchronized (this) {
            pool = dataSource;
        }
        String index = System.getenv("REPLICA_INDEX");
        if (settings.delayOthersSeconds() > 0 && index != null && !index.equals("1")) {
            log.info("Replica {}: waiting {} s before migrating (DELAY_OTHERS_SECONDS)", index, settings.delayOthersSeconds());
            Thread.sleep(settings.delayOthersSeconds() * 1000L);
        }
        migrate(dataSource, settings);
        api.ready(dataSource);

        log.info(String.format(Locale.ROOT, "Started LiquibaseNotesApplication in %.3f seconds (process running for %.3f)",
                (System.nanoTime() - startedAt) / 1e9, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
    }

    /** Liquibase's update, which takes and releases the DATABASECHANGELOGLOCK lock around the changesets. */
    private static void migrate(DataSource dataSource, Settings settings) throws Exception {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), (long) settings.lockWaitMinutes(),
                GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), (long) settings.lockPollSeconds());
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute());
        }
    }

    private static HikariConfig hikari(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl());
        config.setUsername(settings.databaseUser());
        config.setPassword(settings.databasePassword());
        config.setMaximumPoolSize(settings.poolSize());
        return config;
    }

    /** Stops the HTTP server, closes the pool and exits; only the first call does the work. */
    private void stopAndExit(int status) {
        synchronized (this) {
            if (!stopped) {
                stopped = true;
                if (server != null) {
                    server.stop(0);
                }
                if (pool != null) {
                    pool.close();
                }
                // last: these idle non-daemon threads keep the JVM up while the pool closes
                httpThreads.shutdownNow();
            }
        }
        System.exit(status);
    }
}
