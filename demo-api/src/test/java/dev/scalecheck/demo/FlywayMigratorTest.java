package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlywayMigratorTest {

    @Test
    void theFastPathsListOfScriptsIsExactlyWhatShipsUnderDbMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(FlywayMigrator.SCRIPTS);
        }
    }

    @Test
    void readsTheVersionAsFlywayRecordsIt() {
        assertThat(FlywayMigrator.version("V3__fill_reference_numbers.sql")).isEqualTo("3");
        assertThat(FlywayMigrator.version("V2_1__split.sql")).isEqualTo("2.1");
    }
}
