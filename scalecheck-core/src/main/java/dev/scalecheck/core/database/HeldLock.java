package dev.scalecheck.core.database;

/**
 * A lock still held, as the database shows it.
 *
 * @param kind what sort of lock: {@code user lock} (GET_LOCK), {@code table lock} (a row such as Liquibase's)
 * @param name the lock's name, or the table that holds it
 * @param holder the session holding it, when the database can tell
 * @param client that session's client address, when known
 * @param detail what the database says of the holder beyond that (Liquibase's LOCKEDBY and LOCKGRANTED), or null
 * @param replica the replica whose connection holds it, when it could be traced; else null
 */
public record HeldLock(String kind, String name, Long holder, String client, String detail, String replica) {

    public HeldLock(String kind, String name, Long holder, String client, String detail) {
        this(kind, name, holder, client, detail, null);
    }

    public HeldLock withReplica(String owner) {
        return new HeldLock(kind, name, holder, client, detail, owner);
    }
}
