package dev.scalecheck.cli;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.local.DemoService;
import dev.scalecheck.local.database.DatabaseException;
import dev.scalecheck.local.database.EmbeddedMariaDb;
import dev.scalecheck.local.process.LocalProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalecheck demo}: for now, starts the reference service against the embedded database
 * and proves its readiness endpoint answers 200; {@code --keep} leaves it running until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the reference service (demo-api) against an embedded MariaDB and check it is ready.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep", description = "Keep the database and the service running until Ctrl-C.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        Path dir = Files.createTempDirectory("scalecheck-demo-");
        EmbeddedMariaDb db = null;
        LocalProcess replica = null;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = null;
        try {
            out.println("[1/3] Starting embedded MariaDB " + EmbeddedMariaDb.VERSION + "...");
            out.flush();
            db = EmbeddedMariaDb.start(dir.resolve("db"), EmbeddedMariaDb.defaultBinaryCache());
            EmbeddedMariaDb.Account app = db.createDatabase("app", "app");
            Path passwordFile = dir.resolve("db-password");
            Files.writeString(passwordFile, app.password().reveal());
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            int port = freePort();
            out.println("[2/3] Starting demo-api on 127.0.0.1:" + port + "...");
            out.flush();
            Map<String, String> env = Map.of("PORT", String.valueOf(port), "BIND_ADDRESS", "127.0.0.1",
                    "REPLICA_ID", "api-1", "DATA_DIR", Files.createDirectories(dir.resolve("data")).toString(),
                    "DB_URL", db.jdbcUrl("app"), "DB_USER", app.user(), "DB_PASSWORD_FILE", passwordFile.toString());
            PrintWriter log = out;
            replica = LocalProcess.start("api-1", DemoService.command(DemoService.extractJar(dir)), env, dir, clock,
                    line -> printLine(log, line));
            final EmbeddedMariaDb startedDb = db;
            final LocalProcess startedReplica = replica;
            hook = new Thread(() -> {
                startedReplica.stop(Duration.ofSeconds(10));
                startedDb.close();
                deleteQuietly(dir);
                finished.countDown();
            }, "scalecheck-teardown");
            Runtime.getRuntime().addShutdownHook(hook);
            URI ready = URI.create("http://127.0.0.1:" + port + "/api/health/ready");
            Optional<String> body = awaitReady(ready, clock);
            if (body.isEmpty()) {
                spec.commandLine().getErr().println("demo-api was not ready within " + READY_TIMEOUT.toSeconds()
                        + " s (GET " + ready + "); see its log above");
                return ExitCode.ENVIRONMENT;
            }
            out.println("[3/3] GET " + ready + " answered 200: " + body.get());
            if (keep) {
                out.println("Keeping it running; try: curl -i " + ready + "   (Ctrl-C stops and removes everything)");
                out.flush();
                finished.await();
            }
            return ExitCode.PASSED;
        } catch (DatabaseException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.ENVIRONMENT;
        } finally {
            if (hook != null && !keep) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            if (!keep) {
                if (replica != null) {
                    replica.stop(Duration.ofSeconds(10));
                }
                if (db != null) {
                    db.close();
                }
                deleteQuietly(dir);
            }
        }
    }

    private static synchronized void printLine(PrintWriter out, LogLine line) {
        out.println("  " + line.replica() + " | " + line.text());
        out.flush();
    }

    private static Optional<String> awaitReady(URI ready, Clock clock) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return Deadline.after(READY_TIMEOUT, clock).poll(Duration.ofMillis(100), () -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
