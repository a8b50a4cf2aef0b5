package dev.scalecheck.core.migration;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.core.spec.Markers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * SPI: what scalecheck knows of one migration tool. Where its history lives and how to read it
 * (the history table decides who applied what; log markers are a second witness), and what its
 * lock is. Implementations are found with {@link ServiceLoader} by {@link #name()}
 * ({@code database.tool}).
 */
public interface MigrationTool {

    /** The name {@code database.tool} selects. */
    String name();

    /** The history tables it writes, in the order to look for them (matched without regard to case). */
    List<String> historyTables();

    /** Every row of its history table {@code table}, in the order applied. */
    List<MigrationRecord> history(SqlDatabase database, Dialect dialect, String table);

    /** Its own log lines, for the timeline and as the second witness of who applied what. */
    Markers markers();

    /** How it locks, in one phrase for reports ("GET_LOCK('Flyway-<n>') around each migration"). */
    String lockDescription();

    /** The table it keeps its lock in (Liquibase's DATABASECHANGELOGLOCK), when it locks with a table rather than a session. */
    default Optional<String> lockTable() {
        return Optional.empty();
    }

    /** Locks it keeps in tables of its own (Liquibase's DATABASECHANGELOGLOCK) still held now; none by default. */
    default List<HeldLock> tableLocks(SqlDatabase database, Dialect dialect, List<String> tables) {
        return List.of();
    }

    /** Whether one of {@code tables} is a history table of this tool. */
    default Optional<String> historyTableIn(List<String> tables) {
        for (String candidate : historyTables()) {
            for (String table : tables) {
                if (table.equalsIgnoreCase(candidate)) {
                    return Optional.of(table);
                }
            }
        }
        return Optional.empty();
    }

    /** Every tool on the class path, in detection order. */
    static List<MigrationTool> all() {
        return ServiceLoader.load(MigrationTool.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The tool named {@code name}, or an error listing the known ones. */
    static MigrationTool named(String name) {
        List<MigrationTool> all = all();
        return all.stream().filter(tool -> tool.name().equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown migration tool '" + name + "'; expected one of: "
                        + all.stream().map(MigrationTool::name).collect(Collectors.joining(", "))));
    }

    /** The tool whose history table exists among {@code tables}, detection order deciding. */
    static Optional<MigrationTool> detect(List<String> tables) {
        return all().stream().filter(tool -> !tool.name().equals(DemoTool.NAME))
                .filter(tool -> tool.historyTableIn(tables).isPresent()).findFirst();
    }
}
