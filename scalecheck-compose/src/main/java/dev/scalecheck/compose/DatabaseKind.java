package dev.scalecheck.compose;

import dev.scalecheck.compose.lint.DatabaseImage;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which database a compose stack runs, so the SQL probes use its own client: the spec's
 * {@code database.kind} when given, else the database service's image, read by {@link DatabaseImage}
 * as init reads it.
 */
enum DatabaseKind {
    POSTGRES("postgres"),
    MARIADB("mariadb");

    private final String kind;

    DatabaseKind(String kind) {
        this.kind = kind;
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
        return image.get().flatMap(DatabaseImage::kind).map(kind -> kind.equals(POSTGRES.kind) ? POSTGRES : MARIADB)
                .orElse(MARIADB);
    }
}
