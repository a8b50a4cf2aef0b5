package dev.scalecheck.local.database;

import dev.scalecheck.core.Secret;
import dev.scalecheck.core.database.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real database server started for one run in a new data directory on a free 127.0.0.1 port,
 * with password authentication: the local analogue of {@code docker compose down -v && up db}.
 * {@link #close()} stops it and deletes the directory.
 */
public interface EmbeddedDatabase extends AutoCloseable {
    Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");

    /** A database account: the password stays a {@link Secret}. */
    record Account(String user, Secret password) {}

    /**
     * Starts a new, empty server of {@code kind} ({@code mariadb}, {@code mysql} or {@code postgres}; null for the default,
     * MariaDB) whose data lives under {@code directory}.
     *
     * @throws DatabaseException when the server does not start; nothing is left running
     */
    static EmbeddedDatabase start(String kind, Path directory) {
        // the dialect knows the kinds and their other names (mysql, postgresql); one embedded server per dialect
        return switch (Dialect.of(kind).kind()) {
            case "postgres" -> EmbeddedPostgres.start(directory, EmbeddedPostgres.defaultBinaryCache());
            default -> EmbeddedMariaDb.start(directory, EmbeddedMariaDb.defaultBinaryCache());
        };
    }

    /** {@code mariadb} or {@code postgres}. */
    String kind();

    /** What is running, for the progress line ("MariaDB 11.4.5"). */
    String description();

    int port();

    String jdbcUrl(String database);

    /** Creates an empty database and an account that owns it, with a fresh random password. */
    default Account createDatabase(String database, String user) {
        requireName(database);
        requireName(user);
        Account account = new Account(user, Secret.random());
        try (Connection connection = connect(serverDatabase()); Statement statement = connection.createStatement()) {
            for (String sql : creation(database, user, account.password())) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot create database '" + database + "': " + e.getMessage(), e);
        }
        return account;
    }

    /** The database an administrator connects to before any other exists ("" for none). */
    String serverDatabase();

    /** The statements that create {@code database} and its owner {@code user}. */
    List<String> creation(String database, String user, Secret password);

    /** A new administrator connection to {@code database}. */
    Connection connect(String database) throws SQLException;

    @Override
    void close();

    static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name; expected " + NAME.pattern());
        }
    }

    static Properties credentials(Account account) {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password().reveal());
        return properties;
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }
}
