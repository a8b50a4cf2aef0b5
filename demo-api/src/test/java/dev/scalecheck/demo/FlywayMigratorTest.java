package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlywayMigratorTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theFastPathsListOfScriptsIsExactlyWhatShipsForEachDatabase(DatabaseKind kind) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", kind.migrations()))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(FlywayMigrator.SCRIPTS);
        }
    }

    @Test
    void readsTheVersionAsFlywayRecordsIt() {
        assertThat(FlywayMigrator.version("V3__fill_reference_numbers.sql")).isEqualTo("3");
        assertThat(FlywayMigrator.version("V2_1__split.sql")).isEqualTo("2.1");
    }
}
