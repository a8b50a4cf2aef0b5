package dev.scalecheck.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The runner of the {@code no-lock} fault, as the seed's system had it: it applies the same SQL
 * files with plain JDBC, records each in {@code schema_version} (filename primary key,
 * applied_at, success) and takes no lock at all, so replicas starting together race.
 */
final class PlainSqlMigrator implements SchemaMigrator {
    static final String TABLE = "schema_version";

    private final DataSource dataSource;
    private final DatabaseKind kind;
    private final List<String> scripts;

    /** @param scripts file names under db/migration/&lt;kind&gt;, in the order to apply them */
    PlainSqlMigrator(DataSource dataSource, DatabaseKind kind, List<String> scripts) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.scripts = List.copyOf(scripts);
    }

    @Override
    public int pendingCount() throws SQLException {
        return pending().size();
    }

    @Override
    public int migrate() throws SQLException {
        int applied = 0;
        for (String script : pending()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String sql : statements(read(kind, script))) {
                    statement.execute(sql);
                }
                record(connection, script, true);
                applied++;
            } catch (SQLException e) {
                recordFailure(script);
                throw new MigrationException("applying " + script + " failed: " + e.getMessage(), e);
            }
        }
        return applied;
    }

    private List<String> pending() throws SQLException {
        Set<String> done = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "filename VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                    + "success BOOLEAN NOT NULL)");
            try (ResultSet rows = statement.executeQuery("SELECT filename FROM " + TABLE + " WHERE success")) {
                while (rows.next()) {
                    done.add(rows.getString(1));
                }
            }
        }
        return scripts.stream().filter(s -> !done.contains(s)).toList();
    }

    private static void record(Connection connection, String script, boolean success) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (filename, success) VALUES (?, ?)")) {
            insert.setString(1, script);
            insert.setBoolean(2, success);
            insert.executeUpdate();
        }
    }

    private void recordFailure(String script) {
        try (Connection connection = dataSource.getConnection()) {
            record(connection, script, false);
        } catch (SQLException ignored) {
            // another replica recorded this file already; the original error is what matters
        }
    }

    private static String read(DatabaseKind kind, String script) {
        String resource = "/" + kind.migrations() + "/" + script;
        try (InputStream in = PlainSqlMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("migration " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script on semicolons that end a line; drops comment-only lines. Enough for our own files. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                result.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }
}
