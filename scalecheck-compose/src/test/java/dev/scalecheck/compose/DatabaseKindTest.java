package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The SQL client follows the spec's database.kind, else the database service's image. */
class DatabaseKindTest {
    private static final Supplier<Optional<String>> NOT_ASKED = () -> {
        throw new AssertionError("the image was looked up although the spec names the kind");
    };

    @Test
    void takesTheSpecsKindWithoutLookingAtTheImage() {
        assertThat(DatabaseKind.resolve("postgres", NOT_ASKED)).isEqualTo(DatabaseKind.POSTGRES);
        assertThat(DatabaseKind.resolve("postgresql", NOT_ASKED).kind()).isEqualTo("postgres");
        assertThat(DatabaseKind.resolve("mariadb", NOT_ASKED)).isEqualTo(DatabaseKind.MARIADB);
        assertThat(DatabaseKind.resolve("mysql", NOT_ASKED).kind()).isEqualTo("mariadb");
    }

    @Test
    void readsTheKindFromTheImageWhenTheSpecHasNone() {
        assertThat(DatabaseKind.resolve(null, () -> Optional.of("postgres:16"))).isEqualTo(DatabaseKind.POSTGRES);
        assertThat(DatabaseKind.resolve(null, () -> Optional.of("local/postgres"))).isEqualTo(DatabaseKind.POSTGRES);
        assertThat(DatabaseKind.resolve(null, () -> Optional.of("mariadb:11.4"))).isEqualTo(DatabaseKind.MARIADB);
    }

    @Test
    void fallsBackToMariadbWhenNothingTells() {
        assertThat(DatabaseKind.resolve(null, () -> Optional.of("example/app-db:1.0"))).isEqualTo(DatabaseKind.MARIADB);
        assertThat(DatabaseKind.resolve(null, Optional::empty)).isEqualTo(DatabaseKind.MARIADB);
    }

    @Test
    void namesTheKindsComposeHasNoClientFor() {
        assertThatThrownBy(() -> DatabaseKind.resolve("oracle", NOT_ASKED))
                .hasMessage("database.kind 'oracle' has no SQL client on compose; expected mariadb, mysql or postgres");
    }
}
