package com.example.notes.flyway;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A notes service: serves HTTP at once (health says DOWN), migrates its schema with Flyway,
 * then reports UP. Configured by environment only; see {@link Settings}.
 */
public final class FlywayNotesApplication {
    private final Logger log = LoggerFactory.getLogger(FlywayNotesApplication.class);
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(16);
    private HttpServer server;
    private HikariDataSource pool;
    private boolean stopped;

    public static void main(String[] args) {
        long startedAt = System.nanoTime();
        // the log pattern shows the process id, as Spring Boot's does
        System.setProperty("PID", String.valueOf(ProcessHandle.current().pid()));
        FlywayNotesApplication app = new FlywayNotesApplication();
        Signal.handle(new Signal("TERM"), signal -> app.stopAndExit(0));
        Signal.handle(new Signal("INT"), signal -> app.stopAndExit(0));
        try {
            app.run(startedAt);
        } catch (Exception | LinkageError e) {
            app.log.error("Application run failed", e);
            app.stopAndExit(1);
        }
    }

    private void run(long startedAt) throws IOException {
        log.info("Starting FlywayNotesApplication using Java {} with PID {}",
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
        // one folder of scripts per database, as a service that ships for both keeps them
        String scripts = settings.databaseUrl().startsWith("jdbc:postgresql:") ? "postgresql" : "mysql";
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + scripts).load().migrate();
        api.ready(dataSource);

        log.info(String.format(Locale.ROOT, "Started FlywayNotesApplication in %.3f seconds (process running for %.3f)",
                (System.nanoTime() - startedAt) / 1e9, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
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
