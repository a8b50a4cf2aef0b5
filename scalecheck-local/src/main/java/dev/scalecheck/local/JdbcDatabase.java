package dev.scalecheck.local;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** scalecheck's probes over JDBC: a new administrator connection per query, so a probe never holds a lock or a session. */
final class JdbcDatabase implements SqlDatabase {

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final String kind;
    private final ConnectionSource connections;

    JdbcDatabase(String kind, ConnectionSource connections) {
        this.kind = kind;
        this.connections = connections;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<Map<String, String>> query(String sql) {
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            if (!statement.execute(sql)) {
                return List.of();
            }
            try (ResultSet rows = statement.getResultSet()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, String>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rows.getString(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new OrchestratorException("database probe failed (" + sql + "): " + e.getMessage(), e);
        }
    }
}
