package com.example.notes.liquibase;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A changeset that does nothing, unless HALT_DURING_MIGRATION names this replica's REPLICA_INDEX:
 * then the process dies on the spot (exit 137, as on SIGKILL) while Liquibase holds its
 * DATABASECHANGELOGLOCK lock, which stays taken.
 */
public final class HaltDuringMigration implements CustomTaskChange {
    private static final Logger log = LoggerFactory.getLogger(HaltDuringMigration.class);

    @Override
    public void execute(Database database) {
        String halt = System.getenv("HALT_DURING_MIGRATION");
        if (halt != null && !halt.isBlank() && halt.equals(System.getenv("REPLICA_INDEX"))) {
            log.warn("HALT_DURING_MIGRATION={} is this replica: halting in the middle of the migration", halt);
            Runtime.getRuntime().halt(137);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "Nothing to halt";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
