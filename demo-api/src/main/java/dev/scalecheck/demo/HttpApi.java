package dev.scalecheck.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The HTTP surface: health, readiness, items, data files. Every response names the replica. */
final class HttpApi {
    static final String REPLICA_HEADER = "X-Replica-Id";
    private static final int MAX_ITEM_BYTES = 64 * 1024;
    private static final int MAX_DATA_BYTES = 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final String replicaId;
    private final String version;
    private final Readiness readiness;
    private final ItemStore items;
    private final DataDirectory data;
    private final Drain drain;

    HttpApi(String replicaId, String version, Readiness readiness, ItemStore items, DataDirectory data, Drain drain) {
        this.replicaId = replicaId;
        this.version = version;
        this.readiness = readiness;
        this.items = items;
        this.data = data;
        this.drain = drain;
    }

    void register(HttpServer server) {
        server.createContext("/", this::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean health = isHealth(exchange.getRequestURI().getPath());
        boolean open = drain.arrive(health);
        try (exchange) {
            exchange.getResponseHeaders().set(REPLICA_HEADER, replicaId);
            try {
                if (!open) {
                    exchange.getResponseHeaders().set("Connection", "close");
                    throw new BadRequest(503, "replica " + replicaId + " is shutting down");
                }
                route(exchange);
            } catch (BadRequest e) {
                send(exchange, e.status, Map.of("error", e.getMessage()));
            } catch (Exception e) {
                send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        } finally {
            drain.finish(health);
        }
    }

    private static boolean isHealth(String path) {
        return path.equals("/api/health") || path.equals("/api/health/") || path.equals("/api/health/ready");
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/api/health") || path.equals("/api/health/")) {
            requireMethod(method, "GET");
            send(exchange, 200, ordered("status", "ok", "replica", replicaId, "version", version));
        } else if (path.equals("/api/health/ready")) {
            requireMethod(method, "GET");
            Readiness.Answer answer = readiness.check(drain.draining());
            send(exchange, answer.ready() ? 200 : 503, answer.body());
        } else if (path.equals("/api/items") || path.equals("/api/items/")) {
            requireMethod(method, "POST");
            createItem(exchange);
        } else if (path.startsWith("/api/items/")) {
            requireMethod(method, "GET");
            readItem(exchange, path.substring("/api/items/".length()));
        } else if (path.startsWith("/api/data/")) {
            dataFile(exchange, method, path.substring("/api/data/".length()));
        } else {
            throw new BadRequest(404, "no route for " + method + " " + path);
        }
    }

    private void createItem(HttpExchange exchange) throws Exception {
        byte[] body = readBody(exchange, MAX_ITEM_BYTES);
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(400, "request body must be a JSON object, e.g. {\"name\": \"probe\"}");
        }
        long id = items.create(json.writeValueAsString(node), replicaId);
        send(exchange, 201, ordered("id", id, "replica", replicaId));
    }

    private void readItem(HttpExchange exchange, String idText) throws Exception {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "item id '" + idText + "' is not a number");
        }
        Optional<ItemStore.Item> item = items.find(id);
        if (item.isEmpty()) {
            throw new BadRequest(404, "item " + id + " not found on replica " + replicaId);
        }
        send(exchange, 200, ordered("id", item.get().id(), "body", json.readTree(item.get().body()),
                "created_by", item.get().createdBy(), "replica", replicaId));
    }

    private void dataFile(HttpExchange exchange, String method, String name) throws Exception {
        if (!DataDirectory.validName(name)) {
            throw new BadRequest(400, "invalid data file name '" + name + "'; expected " + DataDirectory.NAME.pattern());
        }
        switch (method) {
            case "PUT" -> {
                byte[] body = readBody(exchange, MAX_DATA_BYTES);
                try {
                    data.write(name, body);
                } catch (IOException e) {
                    String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
                    send(exchange, 500, ordered("error", "cannot write " + name + " in " + data.root() + ": " + reason,
                            "replica", replicaId));
                    return;
                }
                send(exchange, 201, ordered("name", name, "bytes", body.length, "replica", replicaId));
            }
            case "GET" -> {
                Optional<byte[]> content = data.read(name);
                if (content.isEmpty()) {
                    throw new BadRequest(404, "data file " + name + " not found in " + data.root());
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, content.get().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content.get());
                }
            }
            default -> throw new BadRequest(405, "method " + method + " not allowed; use PUT or GET");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BadRequest(405, "method " + method + " not allowed; use " + expected);
        }
    }

    private static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new BadRequest(413, "request body larger than " + limit + " bytes");
            }
            return body;
        }
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A client error with its HTTP status. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
