package dev.scalecheck.core.database;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * MariaDB and MySQL. User-level locks (GET_LOCK: Flyway's {@code Flyway-<n>}, any service's own)
 * are listed without their names from {@code performance_schema.metadata_locks} when the
 * server runs with the performance schema and its metadata-lock instrument (MySQL 8 by
 * default; the embedded MariaDB is started so), else from MariaDB's {@code metadata_lock_info}
 * plugin, installed on first use where the server has it.
 */
final class MariaDbDialect implements Dialect {
    static final String KIND = "mariadb";
    private static final String HOW_TO_LIST = "start the database with --performance-schema=ON "
            + "--performance-schema-instrument='wait/lock/metadata/sql/mdl=ON', or install MariaDB's metadata_lock_info plugin, "
            + "or name the lock in database.lockName";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> tables(SqlDatabase database) {
        return Row.all(database.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "ORDER BY table_name")).stream().map(row -> row.text("t")).toList();
    }

    @Override
    public List<String> columns(SqlDatabase database, String table) {
        return Row.all(database.query("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() "
                + "AND table_name = " + literal(table) + " ORDER BY ordinal_position")).stream().map(row -> row.text("c")).toList();
    }

    @Override
    public OptionalInt maxConnections(SqlDatabase database) {
        Long value = Row.of(database.query("SELECT @@max_connections AS m").get(0)).number("m");
        return value == null ? OptionalInt.empty() : OptionalInt.of(value.intValue());
    }

    @Override
    public List<Session> sessions(SqlDatabase database) {
        List<Session> sessions = new ArrayList<>();
        for (Row row : Row.all(database.query("SELECT ID AS id, USER AS u, HOST AS h, ID = CONNECTION_ID() AS self "
                + "FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Daemon'"))) {
            if (!row.flag("self", false) && row.text("h") != null && !row.text("h").isEmpty()) {
                sessions.add(new Session(row.number("id"), row.text("u"), row.text("h")));
            }
        }
        return sessions;
    }

    @Override
    public LockListing userLocks(SqlDatabase database) {
        Row schema = Row.of(database.query("SELECT @@performance_schema AS ps, (SELECT ENABLED FROM "
                + "performance_schema.setup_instruments WHERE NAME = 'wait/lock/metadata/sql/mdl') AS mdl").get(0));
        boolean performanceSchema = schema.flag("ps", false);
        if (performanceSchema && schema.flag("mdl", false)) {
            return LockListing.of(locks(database, "SELECT m.OBJECT_NAME AS name, t.PROCESSLIST_ID AS holder, p.HOST AS client "
                    + "FROM performance_schema.metadata_locks m JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID "
                    + "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.PROCESSLIST_ID "
                    + "WHERE m.OBJECT_TYPE = 'USER LEVEL LOCK' AND m.LOCK_STATUS = 'GRANTED'"),
                    "performance_schema.metadata_locks");
        }
        if (metadataLockInfo(database)) {
            return LockListing.of(locks(database, "SELECT m.TABLE_SCHEMA AS name, m.THREAD_ID AS holder, p.HOST AS client "
                    + "FROM information_schema.METADATA_LOCK_INFO m LEFT JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID "
                    + "WHERE m.LOCK_TYPE = 'User lock'"), "information_schema.METADATA_LOCK_INFO");
        }
        return LockListing.unavailable("the database cannot list user-level locks (performance_schema "
                + (performanceSchema ? "has no metadata-lock instrument" : "is off")
                + ", no metadata_lock_info plugin); " + HOW_TO_LIST);
    }

    /** Whether MariaDB's metadata_lock_info plugin is active, installing it when the server has it. */
    private static boolean metadataLockInfo(SqlDatabase database) {
        if (pluginActive(database)) {
            return true;
        }
        try {
            database.query("INSTALL SONAME 'metadata_lock_info'");
        } catch (OrchestratorException notThere) {
            return false;
        }
        return pluginActive(database);
    }

    private static boolean pluginActive(SqlDatabase database) {
        return !database.query("SELECT PLUGIN_NAME AS p FROM information_schema.PLUGINS "
                + "WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'").isEmpty();
    }

    private static List<HeldLock> locks(SqlDatabase database, String sql) {
        return Row.all(database.query(sql)).stream()
                .map(row -> new HeldLock("user lock", row.text("name"), row.number("holder"), row.text("client"), null))
                .toList();
    }

    @Override
    public Optional<Long> namedLockHolder(SqlDatabase database, String name) {
        return Optional.ofNullable(Row.of(database.query("SELECT IS_USED_LOCK(" + literal(name) + ") AS holder").get(0))
                .number("holder"));
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A string literal: backslash and quote escaped (the default sql_mode reads backslash escapes). */
    @Override
    public String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
