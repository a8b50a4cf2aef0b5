package dev.scalecheck.core.evidence;

import java.util.List;

/**
 * What the database said.
 *
 * @param tablesBeforeReplicas the application schema's tables just before the replicas started
 * @param historyTable the migration history table found ({@code flyway_schema_history},
 *     {@code schema_version}, {@code DATABASECHANGELOG}), or null when none exists
 * @param history its rows
 * @param lockHolder the connection id holding the migration lock after start-up, or null when free
 * @param maxConnections {@code @@max_connections}, or null when unknown
 * @param threadsConnected {@code Threads_connected} after start-up, or null when unknown
 * @param error why the database could not be asked, else null
 */
public record DatabaseState(
        List<String> tablesBeforeReplicas,
        String historyTable,
        List<MigrationRecord> history,
        String lockName,
        Long lockHolder,
        Integer maxConnections,
        Integer threadsConnected,
        String error) {

    public DatabaseState {
        tablesBeforeReplicas = tablesBeforeReplicas == null ? List.of() : List.copyOf(tablesBeforeReplicas);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static DatabaseState unavailable(String error) {
        return new DatabaseState(List.of(), null, List.of(), null, null, null, null, error);
    }

    /**
     * One row of a migration history table.
     *
     * @param key what identifies the migration: Flyway's version, the file name, Liquibase's id/author/file
     */
    public record MigrationRecord(String key, String description, boolean success) {}
}
