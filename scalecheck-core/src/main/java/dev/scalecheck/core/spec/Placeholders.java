package dev.scalecheck.core.spec;

import java.util.List;

/**
 * The {@code ${NAME}} placeholders of {@code local.command} and {@code local.environment}, each
 * replaced per replica. Any other {@code ${...}} is left as it is (for a shell to expand).
 */
public final class Placeholders {
    /** The database password: allowed only in environment values, never in the command, never printed. */
    public static final String PASSWORD = "DB_PASSWORD";

    /** Allowed in the command and the environment. */
    public static final List<String> COMMAND = List.of("PORT", "REPLICA_ID", "REPLICA_INDEX", "DATA_DIR", "DB_HOST", "DB_PORT",
            "DB_NAME", "DB_USER", "DB_URL", "DB_KIND", "DB_PASSWORD_FILE");

    private Placeholders() {
    }
}
