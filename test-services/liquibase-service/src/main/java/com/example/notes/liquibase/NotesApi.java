package com.example.notes.liquibase;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET /health, POST /notes, GET /notes/{id}. */
final class NotesApi {
    private static final Logger log = LoggerFactory.getLogger(NotesApi.class);
    private static final String JSON = "application/json";

    private final String apiToken;
    private volatile DataSource dataSource;

    NotesApi(String apiToken) {
        this.apiToken = apiToken;
    }

    void register(HttpServer server) {
        server.createContext("/health", this::health);
        server.createContext("/notes", this::notes);
    }

    /** Called once the schema is migrated: from now on the database is used. */
    void ready(DataSource migrated) {
        this.dataSource = migrated;
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean up = databaseAnswers();
            send(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        }
    }

    private boolean databaseAnswers() {
        DataSource ds = dataSource;
        if (ds == null) {
            return false;
        }
        try (Connection connection = ds.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            log.warn("Health check failed: {}", e.getMessage());
            return false;
        }
    }

    private void notes(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (SQLException e) {
                log.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                send(exchange, 500, "{\"error\":\"Internal Server Error\"}");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, SQLException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean collection = path.equals("/notes") || path.equals("/notes/");
        if (!collection && !path.matches("/notes/[^/]+")) {
            send(exchange, 404, "{\"error\":\"Not Found\"}");
        } else if (!authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            send(exchange, 401, "{\"error\":\"Unauthorized\"}");
        } else if (dataSource == null) {
            send(exchange, 503, "{\"error\":\"Service Unavailable\"}");
        } else if (collection && method.equals("POST")) {
            create(exchange);
        } else if (!collection && method.equals("GET")) {
            find(exchange, path.substring("/notes/".length()));
        } else {
            send(exchange, 405, "{\"error\":\"Method Not Allowed\"}");
        }
    }

    private boolean authorized(HttpExchange exchange) {
        return apiToken == null
                || ("Bearer " + apiToken).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    /** 201 with a Location header and no body. */
    private void create(HttpExchange exchange) throws IOException, SQLException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO notes (body) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, body);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                exchange.getResponseHeaders().set("Location", "/notes/" + keys.getLong(1));
            }
        }
        exchange.sendResponseHeaders(201, -1);
    }

    private void find(HttpExchange exchange, String id) throws IOException, SQLException {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            send(exchange, 404, "{\"error\":\"Not Found\"}");
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT body FROM notes WHERE id = ?")) {
            select.setLong(1, key);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    send(exchange, 200, rs.getString(1));
                } else {
                    send(exchange, 404, "{\"error\":\"Not Found\"}");
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
