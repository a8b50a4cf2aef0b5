package dev.scalecheck.demo;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/** The normal path: Flyway over classpath:db/migration, recording in flyway_schema_history. */
final class FlywayMigrator implements SchemaMigrator {
    static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    FlywayMigrator(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .load();
    }

    @Override
    public int pendingCount() {
        return flyway.info().pending().length;
    }

    @Override
    public int migrate() {
        try {
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new MigrationException("Flyway migrate failed: " + e.getMessage(), e);
        }
    }

    /** The SQL script names Flyway finds, in version order. */
    List<String> scripts() {
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getScript).toList();
    }
}
