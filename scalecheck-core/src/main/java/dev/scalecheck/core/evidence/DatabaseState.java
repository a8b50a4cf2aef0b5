package dev.scalecheck.core.evidence;

import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.migration.MigrationRecord;
import java.util.List;

/**
 * What the database said after start-up.
 *
 * @param tablesBeforeReplicas the application schema's tables just before the replicas started
 * @param tool the migration tool judged ({@code database.tool}, or found by its history table); null when none was found
 * @param lookedFor the history tables looked for, for messages
 * @param historyTable the migration history table found, or null when none exists
 * @param history its rows
 * @param locks the locks found without a name: user-level locks, or null when they cannot be listed
 *     ({@code locksUnavailable} says why), and the tool's table locks
 * @param locksSource how the user-level locks were listed
 * @param lockTable the table the migration tool keeps its lock in (Liquibase's DATABASECHANGELOGLOCK), read among
 *     {@code locks}; null when the tool locks with a session or that table does not exist
 * @param lockName the lock named in {@code database.lockName}, or null
 * @param lockHolder the session holding it after start-up, or null when free
 * @param maxConnections the server's connection limit, or null when unknown
 * @param connections each replica's connections as the database listed them while the replicas ran
 * @param error why the database could not be asked, else null
 */
public record DatabaseState(
        List<String> tablesBeforeReplicas,
        String tool,
        List<String> lookedFor,
        String historyTable,
        List<MigrationRecord> history,
        List<HeldLock> locks,
        String locksSource,
        String locksUnavailable,
        String lockTable,
        String lockName,
        Long lockHolder,
        Integer maxConnections,
        ConnectionUse connections,
        String error) {

    public DatabaseState {
        tablesBeforeReplicas = tablesBeforeReplicas == null ? List.of() : List.copyOf(tablesBeforeReplicas);
        lookedFor = lookedFor == null ? List.of() : List.copyOf(lookedFor);
        history = history == null ? List.of() : List.copyOf(history);
        locks = locks == null ? List.of() : List.copyOf(locks);
        connections = connections == null ? ConnectionUse.none("not sampled") : connections;
    }

    public static DatabaseState unavailable(String error) {
        return new DatabaseState(List.of(), null, List.of(), null, List.of(), List.of(), null, null, null, null, null, null, null,
                error);
    }
}
