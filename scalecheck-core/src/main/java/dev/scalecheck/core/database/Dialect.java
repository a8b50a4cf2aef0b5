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

    /** A table's columns, spelled as the database spells them. */
    List<String> columns(SqlDatabase database, String table);

    /**
     * Every row of {@code table}, reading {@code wanted} columns: each is matched to the table's own
     * column without regard to case (Liquibase writes DATABASECHANGELOG's columns in upper case on
     * MariaDB and in lower case on PostgreSQL), and one the table lacks reads as SQL NULL. Rows come
     * in the order of {@code orderBy} when the table has that column.
     */
    default List<Row> rows(SqlDatabase database, String table, List<String> wanted, String orderBy) {
        List<String> columns = columns(database, table);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < wanted.size(); i++) {
            String column = wanted.get(i);
            sql.append(i == 0 ? "" : ", ")
                    .append(columns.stream().filter(column::equalsIgnoreCase).findFirst().map(this::quote).orElse("NULL"))
                    .append(" AS ").append(quote(column.toLowerCase(java.util.Locale.ROOT)));
        }
        sql.append(" FROM ").append(quote(table));
        if (orderBy != null) {
            columns.stream().filter(orderBy::equalsIgnoreCase).findFirst().ifPresent(c -> sql.append(" ORDER BY ").append(quote(c)));
        }
        return Row.all(database.query(sql.toString()));
    }

    /** The server's connection limit, when it can be read. */
    OptionalInt maxConnections(SqlDatabase database);

    /** Every client session except the one asking, each with the client's address. */
    List<Session> sessions(SqlDatabase database);

    /**
     * Every lock a session took by name or key and still holds (MariaDB's GET_LOCK, PostgreSQL's
     * advisory locks), found without knowing its name, with the holder's session; or why they cannot be listed.
     */
    LockListing userLocks(SqlDatabase database);

    /** The session holding the lock of this name ({@code database.lockName}), if any. */
    Optional<Long> namedLockHolder(SqlDatabase database, String name);

    /** An identifier quoted for this database. */
    String quote(String identifier);

    /** A string literal for this database. */
    String literal(String text);

    /** The dialect for {@code kind}. */
    static Dialect of(String kind) {
        if (kind == null || kind.equals(MariaDbDialect.KIND) || kind.equals("mysql")) {
            return new MariaDbDialect();
        }
        if (kind.equals(PostgresDialect.KIND) || kind.equals("postgresql")) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("unknown database kind '" + kind + "'; expected mariadb, mysql or postgres");
    }
}
