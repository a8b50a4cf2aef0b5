package dev.scalecheck.core.migration;

/**
 * One row of a migration history table.
 *
 * @param key what identifies the migration, as the tool's log names it: Flyway's version, a file name,
 *     Liquibase's {@code file::id::author}
 * @param run the tool's own id of the run that applied it (Liquibase's DEPLOYMENT_ID), or null when the table has none
 */
public record MigrationRecord(String key, String description, boolean success, String run) {}
