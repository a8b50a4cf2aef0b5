package dev.scalecheck.compose.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a database service's image tells: its {@code database.kind}, and whether it sets up its
 * database as the official postgres image does. Only the image's own name counts (not its
 * registry, namespace or tag), word by word, PostgreSQL's words first:
 * {@code percona-distribution-postgresql} is PostgreSQL, while {@code postgrest/postgrest} and
 * {@code postgres-exporter} are no databases.
 */
public final class DatabaseImage {
    private static final Pattern POSTGRES = word("postgres|postgresql|postgis|timescaledb|pgvector");
    private static final Pattern MARIADB = word("mariadb|mysql|percona");
    /** Built on the official image's docker-entrypoint.sh: POSTGRES_DB defaults to POSTGRES_USER, that to postgres. */
    private static final Pattern OFFICIAL_POSTGRES_ENTRYPOINT = Pattern.compile("postgres|postgis|timescaledb|pgvector");

    private DatabaseImage() {
    }

    private static Pattern word(String words) {
        return Pattern.compile("(^|[-_.])(" + words + ")([-_.]|$)");
    }

    /** {@code postgres} or {@code mariadb} (also for MySQL and Percona), when the image tells. */
    public static Optional<String> kind(String image) {
        String name = name(image);
        if (name.endsWith("exporter")) {
            return Optional.empty();
        }
        if (POSTGRES.matcher(name).find()) {
            return Optional.of("postgres");
        }
        if (MARIADB.matcher(name).find()) {
            return Optional.of("mariadb");
        }
        return Optional.empty();
    }

    /** Whether the image names its database as the official postgres image does when POSTGRES_DB is not set. */
    public static boolean hasOfficialPostgresDefaults(String image) {
        return OFFICIAL_POSTGRES_ENTRYPOINT.matcher(name(image)).matches();
    }

    /** {@code docker.io/library/postgres:16-alpine@sha256:...} is {@code postgres}. */
    private static String name(String image) {
        String repository = image.strip().toLowerCase(Locale.ROOT);
        int digest = repository.indexOf('@');
        if (digest >= 0) {
            repository = repository.substring(0, digest);
        }
        int slash = repository.lastIndexOf('/');
        String last = repository.substring(slash + 1);
        int tag = last.indexOf(':');
        return tag < 0 ? last : last.substring(0, tag);
    }
}
