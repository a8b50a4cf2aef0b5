package dev.scalecheck.demo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Items in the shared database: every replica sees what any replica created. */
final class DatabaseItemStore implements ItemStore {
    private final Connections connections;

    DatabaseItemStore(Connections connections) {
        this.connections = connections;
    }

    @Override
    public long create(String body, String createdBy) throws SQLException {
        return connections.use(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO items (body, created_by) VALUES (?, ?)", new String[] {"id"})) {
                insert.setString(1, body);
                insert.setString(2, createdBy);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Item> find(long id) throws SQLException {
        return connections.use(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, body, created_by FROM items WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Item(row.getLong(1), row.getString(2), row.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }
}
