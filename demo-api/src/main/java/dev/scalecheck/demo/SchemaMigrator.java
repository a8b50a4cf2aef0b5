package dev.scalecheck.demo;

import java.sql.SQLException;

/** Applies the service's migrations; two implementations: Flyway, and the plain runner of the no-lock fault. */
interface SchemaMigrator {

    /** How many migrations this database still lacks. */
    int pendingCount() throws SQLException;

    /** Applies what is pending and returns how many were applied. */
    int migrate() throws SQLException;
}
