package dev.scalecheck.compose;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which database a compose stack runs, so the SQL probes use its own client: the spec's
 * {@code database.kind} when given, else the database service's image.
 */
enum DatabaseKind {
    // PostgreSQL's words first: percona/percona-distribution-postgresql is PostgreSQL
    POSTGRES("postgres", List.of("postgres", "postgis", "timescale")),
    MARIADB("mariadb", List.of("mariadb", "mysql", "percona"));

    private final String kind;
    private final List<String> imageWords;

    DatabaseKind(String kind, List<String> imageWords) {
        this.kind = kind;
        this.imageWords = imageWords;
    }

    /** The {@code database.kind} a {@code Dialect} is chosen by: {@code mariadb} (MySQL too) or {@code postgres}. */
    String kind() {
        return kind;
    }

    /**
     * The spec's kind when it names one; else what the image says ({@code image} is asked only
     * then); MariaDB when neither tells.
     *
     * @throws IllegalArgumentException for a kind compose has no client for
     */
    static DatabaseKind resolve(String specKind, Supplier<Optional<String>> image) {
        if (specKind != null) {
            return switch (specKind.toLowerCase(Locale.ROOT)) {
                case "mariadb", "mysql" -> MARIADB;
                case "postgres", "postgresql" -> POSTGRES;
                default -> throw new IllegalArgumentException("database.kind '" + specKind
                        + "' has no SQL client on compose; expected mariadb, mysql or postgres");
            };
        }
        return image.get().flatMap(DatabaseKind::ofImage).orElse(MARIADB);
    }

    /** By the image's repository (tag and digest ignored): {@code postgres:16}, {@code postgis/postgis}, {@code local/mariadb}. */
    static Optional<DatabaseKind> ofImage(String image) {
        String repository = image.toLowerCase(Locale.ROOT);
        int digest = repository.indexOf('@');
        if (digest >= 0) {
            repository = repository.substring(0, digest);
        }
        int tag = repository.lastIndexOf(':');
        if (tag > repository.lastIndexOf('/')) {
            repository = repository.substring(0, tag);
        }
        for (DatabaseKind each : values()) {
            for (String word : each.imageWords) {
                if (repository.contains(word)) {
                    return Optional.of(each);
                }
            }
        }
        return Optional.empty();
    }
}
