package dev.scalecheck.core.database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of an answer, read by column label (without regard to case) as typed values. The
 * transports hand over text (a JDBC string, a client's batch output); this is the one place that
 * reads it, so that a boolean is a boolean whether MariaDB spells it 1 or PostgreSQL t.
 */
public final class Row {
    private final Map<String, String> values;

    private Row(Map<String, String> values) {
        this.values = values;
    }

    /** A row from column label to text, SQL NULL being a Java null. */
    public static Row of(Map<String, String> text) {
        Map<String, String> values = new LinkedHashMap<>();
        text.forEach((label, value) -> values.put(label.toLowerCase(Locale.ROOT), value));
        return new Row(values);
    }

    public static List<Row> all(List<Map<String, String>> rows) {
        return rows.stream().map(Row::of).toList();
    }

    /** The column's text, or null for SQL NULL. */
    public String text(String column) {
        String key = column.toLowerCase(Locale.ROOT);
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no column '" + column + "' in the answer; it has " + values.keySet());
        }
        return values.get(key);
    }

    /** The column as a whole number, or null for SQL NULL. */
    public Long number(String column) {
        String value = text(column);
        return value == null ? null : Long.valueOf(value.strip());
    }

    /** The column as a boolean: 1/0 (MariaDB), t/f or true/false (PostgreSQL), yes/no; {@code whenNull} for SQL NULL. */
    public boolean flag(String column, boolean whenNull) {
        String value = text(column);
        if (value == null) {
            return whenNull;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "0", "f", "false", "n", "no", "off" -> false;
            case "1", "t", "true", "y", "yes", "on" -> true;
            default -> throw new IllegalArgumentException("column '" + column + "' holds '" + value + "', not a boolean");
        };
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
