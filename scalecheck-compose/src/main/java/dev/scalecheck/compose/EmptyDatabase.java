package dev.scalecheck.compose;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces the application's database with an empty one of the same name, owned and granted as
 * before, through the administrator's client in the database container ({@link ComposeSql}):
 * <ul>
 * <li>MariaDB and MySQL: {@code DROP DATABASE} and {@code CREATE DATABASE} with the old default
 * character set and collation. The server keeps database-level grants ({@code mysql.db}) across
 * a drop; the accounts granted on it before are checked afterwards, and granted again (ALL
 * PRIVILEGES, as the images grant their {@code MARIADB_USER}) should any have gone.</li>
 * <li>PostgreSQL: connected to {@code postgres}, {@code DROP DATABASE ... WITH (FORCE)} (13 and
 * later) and {@code CREATE DATABASE ... OWNER} the old owner (the image's {@code POSTGRES_USER}).</li>
 * </ul>
 * No password is involved: the client logs in as {@link ComposeSql} does.
 */
final class EmptyDatabase {
    private static final Dialect MARIADB = Dialect.of("mariadb");
    private static final Dialect POSTGRES = Dialect.of("postgres");
    /** The names scalecheck creates and drops (the spec allows no other {@code database.name}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern CHARSET = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private EmptyDatabase() {
    }

    static void replace(ComposeSql sql, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new OrchestratorException("database.name '" + name + "' is not a plain SQL identifier; scalecheck drops and "
                    + "creates only letters, digits and '_'");
        }
        switch (sql.databaseKind()) {
            case MARIADB -> mariadb(sql, name);
            case POSTGRES -> postgres(sql, name);
        }
    }

    private static void mariadb(ComposeSql sql, String name) {
        List<Map<String, String>> granted = sql.query("mysql", mariadbGrantees(name));
        List<Map<String, String>> charset = sql.query("mysql", "SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co "
                + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + MARIADB.literal(name));
        sql.execute("mysql", mariadbRecreate(name, charset.isEmpty() ? Map.of() : charset.get(0)),
                "could not replace database " + name + " with an empty one");
        List<Map<String, String>> kept = sql.query("mysql", mariadbGrantees(name));
        List<Map<String, String>> lost = new ArrayList<>(granted);
        lost.removeAll(kept);
        if (!lost.isEmpty()) {
            sql.execute("mysql", mariadbGrants(name, lost), "could not grant database " + name + " again to its accounts");
        }
    }

    /** The accounts with grants on the database itself: {@code mysql.db} lists it as named, or with '_' escaped as the images grant it. */
    static String mariadbGrantees(String name) {
        return "SELECT User AS user, Host AS host FROM mysql.db WHERE Db IN (" + MARIADB.literal(name) + ", "
                + MARIADB.literal(name.replace("_", "\\_")) + ") ORDER BY User, Host";
    }

    static String mariadbRecreate(String name, Map<String, String> charset) {
        String cs = charset.get("cs");
        String co = charset.get("co");
        String options = cs != null && co != null && CHARSET.matcher(cs).matches() && CHARSET.matcher(co).matches()
                ? " CHARACTER SET " + cs + " COLLATE " + co : "";
        return "DROP DATABASE IF EXISTS " + MARIADB.quote(name) + ";\nCREATE DATABASE " + MARIADB.quote(name) + options + ";\n";
    }

    static String mariadbGrants(String name, List<Map<String, String>> accounts) {
        StringBuilder grants = new StringBuilder();
        for (Map<String, String> account : accounts) {
            grants.append("GRANT ALL PRIVILEGES ON ").append(MARIADB.quote(name)).append(".* TO ")
                    .append(MARIADB.literal(account.get("user"))).append('@').append(MARIADB.literal(account.get("host"))).append(";\n");
        }
        return grants.toString();
    }

    private static void postgres(ComposeSql sql, String name) {
        String owner = sql.query("postgres", postgresOwner(name)).get(0).get("owner");
        sql.execute("postgres", postgresRecreate(name, owner), "could not replace database " + name + " with an empty one");
    }

    /** The database's owner, or the administrator when there is no such database. */
    static String postgresOwner(String name) {
        return "SELECT COALESCE((SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = " + POSTGRES.literal(name)
                + "), current_user) AS owner";
    }

    static String postgresRecreate(String name, String owner) {
        return "DROP DATABASE IF EXISTS " + POSTGRES.quote(name) + " WITH (FORCE);\nCREATE DATABASE " + POSTGRES.quote(name)
                + " OWNER " + POSTGRES.quote(owner) + ";\n";
    }
}
