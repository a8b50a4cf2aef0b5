package dev.scalecheck.demo;

import java.util.Locale;

/** The two databases demo-api runs on; each has its own migration scripts and its own kind of named lock. */
enum DatabaseKind {
    /** MariaDB and MySQL: GET_LOCK. */
    MARIADB("mariadb"),
    /** PostgreSQL: a session advisory lock, pg_advisory_lock(hashtext(name)). */
    POSTGRES("postgres");

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The classpath directory of this database's migration scripts. */
    String migrations() {
        return "db/migration/" + id;
    }

    /** DB_KIND when set, else what the JDBC URL names. */
    static DatabaseKind of(String kind, String url) {
        if (kind != null && !kind.isBlank()) {
            return switch (kind.trim().toLowerCase(Locale.ROOT)) {
                case "mariadb", "mysql" -> MARIADB;
                case "postgres", "postgresql" -> POSTGRES;
                default -> throw new ConfigException("DB_KIND is '" + kind + "'; expected mariadb, mysql or postgres");
            };
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        int scheme = url.indexOf(':', url.indexOf(':') + 1);
        throw new ConfigException("DB_URL starts with '" + (scheme < 0 ? url : url.substring(0, scheme + 1))
                + "', a database demo-api does not know; expected jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:, or set DB_KIND");
    }
}
