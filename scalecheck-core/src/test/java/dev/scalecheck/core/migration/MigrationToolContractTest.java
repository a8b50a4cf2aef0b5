package dev.scalecheck.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every migration tool promises, run against each one the ServiceLoader finds. */
class MigrationToolContractTest {

    static Stream<MigrationTool> tools() {
        return MigrationTool.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void isFoundByItsNameAndSaysWhereItsHistoryLives(MigrationTool tool) {
        assertThat(MigrationTool.named(tool.name())).isInstanceOf(tool.getClass());
        assertThat(tool.historyTables()).isNotEmpty();
        assertThat(tool.lockDescription()).isNotBlank();
        assertThat(tool.markers()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void findsItsHistoryTableWhateverItsCase(MigrationTool tool) {
        String table = tool.historyTables().get(0);
        assertThat(tool.historyTableIn(List.of("items", table.toUpperCase(java.util.Locale.ROOT)))).isPresent();
        assertThat(tool.historyTableIn(List.of("items", "users"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void aMigratingMarkerNamesTheMigrationAsTheHistoryTableDoes(MigrationTool tool) {
        Markers markers = tool.markers();
        if (markers.pattern(Markers.Kind.MIGRATING).isEmpty()) {
            return;
        }
        String line = switch (tool.name()) {
            case "flyway" -> "INFO  o.f.core.internal.command.DbMigrate : Migrating schema `app` to version \"1.2 - create notes\"";
            case "liquibase" -> "INFO liquibase.changelog : ChangeSet db/changelog/db.changelog-master.xml::1-create-notes::notes "
                    + "ran successfully in 42ms";
            default -> throw new AssertionError("add a real log line of " + tool.name() + " to this contract");
        };
        String key = switch (tool.name()) {
            case "flyway" -> "1.2";
            default -> "db/changelog/db.changelog-master.xml::1-create-notes::notes";
        };
        assertThat(markers.group(Markers.Kind.MIGRATING, line)).hasValue(key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void detectionNeverPicksTheDemo(MigrationTool tool) {
        assertThat(MigrationTool.detect(tool.historyTables()).map(MigrationTool::name)).isNotEqualTo(java.util.Optional.of("demo"));
    }
}
