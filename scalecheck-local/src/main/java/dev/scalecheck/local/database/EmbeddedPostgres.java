package dev.scalecheck.local.database;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.Secret;
import dev.scalecheck.local.TemporaryDirectories;
import dev.scalecheck.local.process.LocalProcess;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central) in a new data directory on a
 * free 127.0.0.1 port, started like {@link EmbeddedMariaDb}. zonky's initdb trusts every local
 * client; once the server is up, an administrator with a random password is created, the
 * {@code pg_hba.conf} is replaced by one that asks every client for a password (scram-sha-256)
 * and the server reloads it, so every later client needs a password. {@code max_connections}
 * is PostgreSQL's own default, 100, written out so that no packaging changes it.
 *
 * <p>zonky cannot restart a server: a restart is {@code pg_ctl restart -m fast} from the same
 * binaries, which starts the server again with the options it was started with (its
 * {@code postmaster.opts}: port, settings) on the same data directory, whose {@code pg_hba.conf}
 * keeps asking for passwords. Stopping is zonky's {@code pg_ctl stop} on that directory, which
 * stops whichever server now runs there.
 */
public final class EmbeddedPostgres implements EmbeddedDatabase {
    static final int MAX_CONNECTIONS = 100;
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final String BOOTSTRAP_USER = "postgres";
    private static final String HBA = "# scalecheck: every client gives a password\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private static final String LOG = "postgres.log";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path directory;
    private final Account admin;
    private final String version;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path directory, Account admin,
            String version) {
        this.server = server;
        this.directory = directory;
        this.admin = admin;
        this.version = version;
    }

    /** Where the binaries are unpacked, once: {@code ~/.cache/scalecheck/postgres}. */
    public static Path defaultBinaryCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "scalecheck", "postgres");
    }

    /**
     * Starts a new, empty server whose data lives under {@code directory} (created; removed by close).
     *
     * @throws DatabaseException when the server does not start; nothing is left running
     */
    public static EmbeddedPostgres start(Path directory, Path binaryCache) {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
        try {
            Files.createDirectories(directory);
            Files.createDirectories(binaryCache);
            Path log = directory.resolve(LOG);
            server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaryCache.toFile())
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Account admin = new Account("scalecheck", Secret.random());
            String version = requirePasswords(server, directory.resolve("data"), admin);
            return new EmbeddedPostgres(server, directory, admin, version);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server, directory.resolve("data"));
            TemporaryDirectories.deleteQuietly(directory);
            throw new DatabaseException("interrupted while embedded PostgreSQL started", e);
        } catch (IOException | SQLException | RuntimeException e) {
            stopQuietly(server, directory.resolve("data"));
            TemporaryDirectories.deleteQuietly(directory);
            throw new DatabaseException("embedded PostgreSQL did not start in " + directory + ": "
                    + EmbeddedDatabase.rootMessage(e), e);
        }
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL " + version;
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public String serverDatabase() {
        return "postgres";
    }

    @Override
    public List<String> creation(String database, String user, Secret password) {
        return List.of("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.reveal().replace("'", "''") + "'",
                "CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
    }

    /** {@code WITH (FORCE)} (PostgreSQL 13 and later) ends sessions still connected to it. */
    @Override
    public List<String> emptying(String database, String user) {
        return List.of("DROP DATABASE \"" + database + "\" WITH (FORCE)", "CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
    }

    @Override
    public synchronized void restart(Deadline deadline) {
        Path data = directory.resolve("data");
        Path log = directory.resolve(LOG);
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky runs it: PostgreSQL refuses to run as root, and in a new user namespace it is not
            command.addAll(List.of("unshare", "-U"));
        }
        long seconds = Math.max(1, deadline.remaining().toSeconds());
        command.addAll(List.of(pgCtl(data).toString(), "restart", "-D", data.toString(), "-m", "fast", "-w",
                "-t", String.valueOf(seconds), "-l", log.toString()));
        try {
            Process restart = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!restart.waitFor(seconds + 5, TimeUnit.SECONDS)) {
                restart.destroyForcibly();
                throw new DatabaseException("pg_ctl restart did not end within " + (seconds + 5) + " s; see " + log, null);
            }
            if (restart.exitValue() != 0) {
                throw new DatabaseException("pg_ctl restart failed with exit code " + restart.exitValue() + "; see " + log, null);
            }
        } catch (IOException e) {
            throw new DatabaseException("cannot run pg_ctl restart for " + data + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while embedded PostgreSQL restarted", e);
        }
        awaitAnswer(deadline, "after its restart");
    }

    /**
     * The pg_ctl beside the running server's binary: the first word of its {@code postmaster.opts},
     * the command line it was started with ({@code <bin>/postgres "-D" "<data>" ...}).
     */
    private static Path pgCtl(Path data) {
        try {
            String options = Files.readString(data.resolve("postmaster.opts")).strip();
            int arguments = options.indexOf(" \"");
            Path postgres = Path.of(arguments < 0 ? options : options.substring(0, arguments));
            return postgres.resolveSibling("pg_ctl");
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("cannot tell which PostgreSQL binaries run " + data + " (postmaster.opts): " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), EmbeddedDatabase.credentials(admin));
    }

    @Override
    public void close() {
        stopQuietly(server, directory.resolve("data"));
        TemporaryDirectories.deleteQuietly(directory);
    }

    /**
     * Creates the administrator, then makes every client give a password: a new pg_hba.conf and a
     * reload, polled until a client without a password is turned away (the reload is asynchronous).
     *
     * @return the server's version
     */
    private static String requirePasswords(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path data, Account admin)
            throws SQLException, IOException, InterruptedException {
        String version;
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + admin.user() + " SUPERUSER LOGIN PASSWORD '" + admin.password().reveal() + "'");
            try (ResultSet row = statement.executeQuery("SHOW server_version")) {
                row.next();
                version = row.getString(1).split(" ")[0];
            }
            Files.writeString(data.resolve("pg_hba.conf"), HBA);
            statement.execute("SELECT pg_reload_conf()");
        }
        Properties noPassword = new Properties();
        noPassword.setProperty("user", BOOTSTRAP_USER);
        String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        Optional<Boolean> turnedAway = Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()).poll(Duration.ofMillis(20), () -> {
            try (Connection ignored = DriverManager.getConnection(url, noPassword)) {
                return Optional.empty();
            } catch (SQLException refused) {
                return Optional.of(true);
            }
        });
        if (turnedAway.isEmpty()) {
            throw new IllegalStateException("the server still lets clients in without a password after reloading pg_hba.conf");
        }
        return version;
    }

    /**
     * zonky's close runs {@code pg_ctl stop -m fast} and gives up after a few seconds, which a
     * loaded machine can exceed: then the postmaster (by its {@code postmaster.pid}, also after a
     * restart) is waited for, asked to stop (SIGTERM) and at last killed, so that no server
     * outlives the run.
     */
    private static void stopQuietly(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path data) {
        if (server == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster(data);
        try {
            server.close();
        } catch (IOException ignored) {
            // waited for below
        }
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        try {
            if (!awaitEnd(process)) {
                process.destroy();
                if (!awaitEnd(process)) {
                    process.destroyForcibly();
                    awaitEnd(process);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The server running on {@code data}, by the pid on the first line of its {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path data) {
        try {
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Polled: the postmaster is not this process's child (pg_ctl started it and exited). */
    private static boolean awaitEnd(ProcessHandle process) throws InterruptedException {
        return Deadline.after(STOP_WAIT, Clock.systemUTC()).poll(Duration.ofMillis(50),
                () -> LocalProcess.running(process) ? Optional.empty() : Optional.of(true)).isPresent();
    }
}
