package dev.scalecheck.local.database;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.Secret;
import dev.scalecheck.core.database.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /**
     * Replaces {@code database} with an empty one, owned by {@code user} and granted to it as
     * {@link #createDatabase} left it; the account and its password stay as they were.
     */
    default void emptyDatabase(String database, String user) {
        requireName(database);
        requireName(user);
        try (Connection connection = connect(serverDatabase()); Statement statement = connection.createStatement()) {
            for (String sql : emptying(database, user)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot empty database '" + database + "': " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server cleanly (its own fast shutdown: sessions are ended, data is flushed) and
     * starts it again with the same data, port, settings and accounts; returns once an
     * administrator's query is answered.
     *
     * @throws DatabaseException when it does not stop, start or answer by the deadline
     */
    void restart(Deadline deadline);

    /** The database an administrator connects to before any other exists ("" for none). */
    String serverDatabase();

    /** The statements that create {@code database} and its owner {@code user}. */
    List<String> creation(String database, String user, Secret password);

    /** The statements that replace {@code database} with an empty one, owned and granted as {@link #creation} made it. */
    List<String> emptying(String database, String user);

    /** Polls with an administrator's query until the server answers; {@code what} names the wait for the error. */
    default void awaitAnswer(Deadline deadline, String what) {
        SQLException[] last = new SQLException[1];
        Optional<Boolean> answered;
        try {
            answered = deadline.poll(Duration.ofMillis(50), () -> {
                try (Connection connection = connect(serverDatabase()); Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                    return Optional.of(true);
                } catch (SQLException e) {
                    last[0] = e;
                    return Optional.empty();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for " + description() + " to answer " + what, e);
        }
        if (answered.isEmpty()) {
            throw new DatabaseException(description() + " did not answer an administrator's query " + what + " in time"
                    + (last[0] == null ? "" : ": " + last[0].getMessage()), last[0]);
        }
    }

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
