package dev.scalecheck.core.database;

import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * PostgreSQL. Locks taken by key are advisory locks: Flyway takes one around its run, services
 * take their own with {@code pg_advisory_lock}. {@code pg_locks} lists every one granted, with
 * the holder's process id, so they are found without their keys and without any plugin; the
 * holder's client address comes from {@code pg_stat_activity}. Only the application's database
 * counts: advisory locks are per database.
 */
final class PostgresDialect implements Dialect {
    static final String KIND = "postgres";
    private static final Pattern KEY = Pattern.compile("-?\\d{1,19}");
    /** The current database's oid: pg_locks names the database of an advisory lock by oid. */
    private static final String THIS_DATABASE = "(SELECT oid FROM pg_database WHERE datname = current_database())";
    private static final String CLIENT = "host(a.client_addr) || ':' || a.client_port";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> tables(SqlDatabase database) {
        return Row.all(database.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name")).stream().map(row -> row.text("t")).toList();
    }

    @Override
    public List<String> columns(SqlDatabase database, String table) {
        return Row.all(database.query("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = " + literal(table) + " ORDER BY ordinal_position")).stream().map(row -> row.text("c")).toList();
    }

    @Override
    public OptionalInt maxConnections(SqlDatabase database) {
        Long value = Row.of(database.query("SELECT current_setting('max_connections') AS m").get(0)).number("m");
        return value == null ? OptionalInt.empty() : OptionalInt.of(value.intValue());
    }

    /** Client backends other than the one asking; sessions over the server's socket file have no address and are left out. */
    @Override
    public List<Session> sessions(SqlDatabase database) {
        return Row.all(database.query("SELECT a.pid AS id, a.usename AS u, " + CLIENT + " AS c FROM pg_stat_activity a "
                        + "WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.client_addr IS NOT NULL"))
                .stream().map(row -> new Session(row.number("id"), row.text("u"), row.text("c"))).toList();
    }

    @Override
    public LockListing userLocks(SqlDatabase database) {
        List<HeldLock> held = Row.all(database.query("SELECT l.classid::bigint AS hi, l.objid::bigint AS lo, l.objsubid AS sub, "
                        + "l.pid AS holder, " + CLIENT + " AS client FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid() AND l.database = " + THIS_DATABASE))
                .stream()
                .map(row -> new HeldLock("advisory lock", key(row.number("hi"), row.number("lo"), row.number("sub")),
                        row.number("holder"), row.text("client"), null))
                .toList();
        return LockListing.of(held, "pg_locks");
    }

    /**
     * An advisory lock's key as the service wrote it: one bigint ({@code objsubid} 1: its high
     * half in {@code classid}, its low half in {@code objid}) or two integers ({@code objsubid} 2).
     */
    static String key(long high, long low, long subId) {
        if (subId == 2) {
            return (int) high + ", " + (int) low;
        }
        return String.valueOf(high << 32 | low & 0xFFFF_FFFFL);
    }

    /**
     * @param name a bigint key as text, or any other text, which is taken as the service does it:
     *     {@code pg_advisory_lock(hashtext(name))}
     */
    @Override
    public Optional<Long> namedLockHolder(SqlDatabase database, String name) {
        String key = KEY.matcher(name).matches() ? name + "::bigint" : "hashtext(" + literal(name) + ")::bigint";
        List<Row> rows = Row.all(database.query("SELECT l.pid AS holder FROM pg_locks l WHERE l.locktype = 'advisory' "
                + "AND l.granted AND l.objsubid = 1 AND l.database = " + THIS_DATABASE
                + " AND (l.classid::bigint << 32 | l.objid::bigint) = " + key));
        return rows.stream().map(row -> row.number("holder")).findFirst();
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string literal: only the quote doubled (standard_conforming_strings, on since 9.1). */
    @Override
    public String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
