package dev.scalecheck.core.database;

import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every SQL statement scalecheck sends to a database of one kind, with the answers as typed
 * values. The statements go through a {@link SqlDatabase} (JDBC locally, {@code exec} of the
 * database's own client on compose); each is read-only except where a method says otherwise.
 */
public interface Dialect {

    /** The {@code database.kind} this dialect speaks, e.g. {@code mariadb}. */
    String kind();

    /** The application schema's tables. */
    List<String> tables(SqlDatabase database);

    /** A table's columns, in lower case. */
    List<String> columns(SqlDatabase database, String table);

    /** The server's connection limit, when it can be read. */
    OptionalInt maxConnections(SqlDatabase database);

    /** Every client session except the one asking, each with the client's address. */
    List<Session> sessions(SqlDatabase database);

    /** Every user-level lock held now, found without knowing its name, or why they cannot be listed. */
    LockListing userLocks(SqlDatabase database);

    /** The session holding the lock of this name, if any. */
    Optional<Long> namedLockHolder(SqlDatabase database, String name);

    /** An identifier quoted for this database. */
    String quote(String identifier);

    /** The dialect for {@code kind}. */
    static Dialect of(String kind) {
        if (kind == null || kind.equals(MariaDbDialect.KIND) || kind.equals("mysql")) {
            return new MariaDbDialect();
        }
        throw new IllegalArgumentException("unknown database kind '" + kind + "'; expected mariadb");
    }
}
