package dev.scalecheck.core.migration;

import java.util.Locale;

/** How history tables spell their values across databases. */
final class Rows {
    private Rows() {
    }

    /** A boolean column as text: 1/0 (MariaDB), t/f or true/false (PostgreSQL); null counts as true. */
    static boolean truthy(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "0", "f", "false", "n", "no" -> false;
            default -> true;
        };
    }
}
