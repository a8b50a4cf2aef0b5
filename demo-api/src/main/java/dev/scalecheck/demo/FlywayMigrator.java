package dev.scalecheck.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The normal path: Flyway over the database's own scripts (classpath:db/migration/&lt;kind&gt;), recording in flyway_schema_history.
 * When every shipped version is already recorded as successful, one query says so and Flyway
 * is never loaded: that is the fast path a replica of a running fleet takes. Anything else
 * (no history table, a version missing or failed) is Flyway's to count and apply.
 */
final class FlywayMigrator implements SchemaMigrator {
    /** The scripts under db/migration/&lt;kind&gt;, the same for each database, in version order (a test keeps this list equal to the resources). */
    static final List<String> SCRIPTS = List.of("V1__create_items.sql", "V2__create_replica_events.sql",
            "V3__fill_reference_numbers.sql", "V4__index_items_created_at.sql");

    private final DataSource dataSource;
    private final DatabaseKind kind;
    private Flyway flyway;

    FlywayMigrator(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    @Override
    public int pendingCount() {
        if (allRecorded()) {
            return 0;
        }
        return flyway().info().pending().length;
    }

    @Override
    public int migrate() {
        try {
            return flyway().migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new MigrationException("Flyway migrate failed: " + e.getMessage(), e);
        }
    }

    /**
     * Lets Flyway create its schema history table, empty, so that a table of our own made before
     * the first migration (the stale-lock fault's lock table) never meets Flyway in a schema that
     * has tables but no history: Flyway refuses to migrate that ("Found non-empty schema(s) ...
     * but no schema history table") unless told to baseline, which would record a baseline row
     * no migration earned. A Flyway with no migrations to resolve creates the table under its
     * own lock and records nothing, as the first real migrate would have. Should another replica
     * have created and filled it meanwhile, this run only logs that it resolves no migration for
     * the schema's version (an ERROR line, measured on both databases) and changes nothing.
     */
    void createHistoryTable() {
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:" + kind.migrations() + "/none")
                    .validateOnMigrate(false).load().migrate();
        } catch (FlywayException e) {
            throw new MigrationException("Flyway could not create flyway_schema_history: " + e.getMessage(), e);
        }
    }

    boolean historyExists() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM flyway_schema_history WHERE 1 = 0").close();
            return true;
        } catch (SQLException missing) {
            return false;
        }
    }

    /** Whether flyway_schema_history records every shipped version as successful; false when it cannot tell. */
    private boolean allRecorded() {
        Set<String> recorded = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success")) {
            while (rows.next()) {
                recorded.add(rows.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return SCRIPTS.stream().map(FlywayMigrator::version).allMatch(recorded::contains);
    }

    /** {@code V3__fill_reference_numbers.sql} -> {@code 3}. */
    static String version(String script) {
        return script.substring(1, script.indexOf("__")).replace('_', '.');
    }

    private synchronized Flyway flyway() {
        if (flyway == null) {
            flyway = Flyway.configure().dataSource(dataSource).locations("classpath:" + kind.migrations()).load();
        }
        return flyway;
    }
}
