package dev.scalecheck.compose.init;

import dev.scalecheck.compose.lint.ComposeFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A starter {@code scalecheck.yml} for an existing compose stack: the scaled service (a
 * healthcheck or a build, no container_name), the database, the load balancer and its port, the
 * health path and port from the healthcheck command. What it cannot tell becomes a TODO line.
 */
public final class StarterSpec {
    private static final Pattern DATABASE_IMAGE = Pattern.compile("mariadb|mysql|postgres|percona");
    private static final Pattern BALANCER_IMAGE = Pattern.compile("haproxy|nginx|traefik|envoy|caddy");
    private static final Pattern URL = Pattern.compile("https?://[^/\\s\"':]+:(\\d+)(/[^\\s\"']*)?");
    private static final Pattern PUBLISHED = Pattern.compile("^(?:(\\d+\\.\\d+\\.\\d+\\.\\d+):)?(\\d+):\\d+(?:/tcp)?$");

    private StarterSpec() {
    }

    /** The spec text, and how many TODO lines it holds. */
    public record Draft(String text, int todos) {}

    /** @param composePath how the spec names the compose file (relative to where the spec is written) */
    public static Draft write(ComposeFile file, String composePath) {
        Map<String, MappingNode> services = file.services();
        Optional<String> database = find(services, DATABASE_IMAGE, List.of("db", "database", "mysql", "mariadb"));
        Optional<String> balancer = find(services, BALANCER_IMAGE, List.of("lb", "proxy", "traefik", "haproxy", "nginx"));
        Optional<String> service = services.entrySet().stream()
                .filter(e -> !Optional.of(e.getKey()).equals(database) && !Optional.of(e.getKey()).equals(balancer))
                .filter(e -> ComposeFile.get(e.getValue(), "container_name").isEmpty())
                .filter(e -> ComposeFile.get(e.getValue(), "healthcheck").isPresent() || ComposeFile.get(e.getValue(), "build").isPresent())
                .sorted((a, b) -> Boolean.compare(dependsOn(b.getValue(), database), dependsOn(a.getValue(), database)))
                .map(Map.Entry::getKey).findFirst();
        Optional<String> healthTest = service.flatMap(s -> ComposeFile.get(services.get(s), "healthcheck"))
                .filter(MappingNode.class::isInstance).flatMap(h -> ComposeFile.get((MappingNode) h, "test")).map(StarterSpec::text);
        Optional<Matcher> url = healthTest.map(URL::matcher).filter(Matcher::find);
        Optional<String> startPeriod = service.flatMap(s -> ComposeFile.get(services.get(s), "healthcheck"))
                .filter(MappingNode.class::isInstance).flatMap(h -> ComposeFile.get((MappingNode) h, "start_period"))
                .map(ComposeFile::scalar);
        Optional<String> balancerUrl = balancer.flatMap(b -> ComposeFile.get(services.get(b), "ports")).map(ComposeFile::items)
                .flatMap(ports -> ports.stream().map(ComposeFile::scalar).map(StarterSpec::interpolateDefaults)
                        .map(PUBLISHED::matcher).filter(Matcher::matches)
                        .findFirst().map(m -> "http://" + (m.group(1) == null ? "127.0.0.1" : m.group(1)) + ":" + m.group(2)));

        List<String> lines = new ArrayList<>();
        int[] todos = {0};
        lines.add("# scalecheck.yml written by 'scalecheck init' from " + file.path().getFileName() + "; check every TODO line.");
        lines.add("orchestrator: compose");
        lines.add("replicas: 4");
        lines.add(value("service", service, "api", "no service with a healthcheck or build and without container_name", todos));
        lines.add("compose:");
        lines.add("  files: [" + composePath + "]");
        String project = file.directory().getFileName() == null ? "stack" : file.directory().getFileName().toString();
        lines.add("  project: scalecheck-" + project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-"));
        lines.add("  " + value("database", database, "db", "no MariaDB/MySQL service found", todos));
        lines.add("  " + value("balancer", balancer, "lb", "no load balancer service (HAProxy, nginx, Traefik) found", todos));
        lines.add("  " + value("loadBalancer", balancerUrl, "http://127.0.0.1:8080",
                "the load balancer publishes no port on this machine; publish it on 127.0.0.1", todos));
        lines.add("health:");
        lines.add("  " + value("path", url.map(m -> m.group(2) == null ? "/" : m.group(2)), "/health",
                "no URL in the healthcheck command; the replica's own readiness path", todos));
        lines.add("  " + value("port", url.map(m -> m.group(1)), "8080", "the port the replica listens on inside its container", todos));
        lines.add("  timeout: 120s");
        lines.add("  " + value("startPeriod", startPeriod, "60s", "no start_period in the healthcheck", todos));
        lines.add("database:");
        Optional<String> schema = database.flatMap(d -> environment(services.get(d), "MARIADB_DATABASE", "MYSQL_DATABASE"));
        lines.add("  " + value("name", schema, "app", "the application's schema (no MARIADB_DATABASE on the database)", todos));
        lines.add("  # tool: flyway              # TODO: flyway | liquibase | schema_version; found from the history table when absent");
        lines.add("# probes:                     # TODO: each enables a check that is skipped without it");
        lines.add("#   writes: { dataDir: /app/data }                  # shared-writes: the shared data directory");
        lines.add("#   state: { create: /items, body: '{\"a\": 1}' }     # cross-replica-state: a POST that stores something");
        lines.add("# checks:");
        lines.add("#   lb-reaches-all: { replicaHeader: X-Served-By }  # a response header naming the replica");
        todos[0] += 2;
        return new Draft(String.join("\n", lines) + "\n", todos[0]);
    }

    private static String value(String key, Optional<String> found, String fallback, String why, int[] todos) {
        if (found.isPresent()) {
            return key + ": " + found.get();
        }
        todos[0]++;
        return key + ": " + fallback + "   # TODO: " + why;
    }

    private static Optional<String> find(Map<String, MappingNode> services, Pattern image, List<String> names) {
        return services.entrySet().stream().filter(e -> ComposeFile.get(e.getValue(), "image").map(ComposeFile::scalar)
                .map(i -> image.matcher(i.toLowerCase(Locale.ROOT)).find()).orElse(false)).map(Map.Entry::getKey).findFirst()
                .or(() -> names.stream().filter(services::containsKey).findFirst());
    }

    /** Compose's {@code ${VAR:-default}} replaced by its default: what the file means when VAR is unset. */
    private static String interpolateDefaults(String text) {
        return text.replaceAll("\\$\\{[^:}]+:-([^}]*)}", "$1");
    }

    private static Optional<String> environment(MappingNode service, String... names) {
        Optional<Node> environment = ComposeFile.get(service, "environment");
        for (String name : names) {
            Optional<String> value = environment.flatMap(env -> env instanceof MappingNode map
                    ? ComposeFile.get(map, name).map(ComposeFile::scalar)
                    : ComposeFile.items(env).stream().map(ComposeFile::scalar).filter(i -> i.startsWith(name + "="))
                            .map(i -> i.substring(name.length() + 1)).findFirst());
            if (value.isPresent() && !value.get().isBlank()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static boolean dependsOn(MappingNode service, Optional<String> database) {
        return database.isPresent() && ComposeFile.get(service, "depends_on").map(d -> d instanceof MappingNode m
                ? ComposeFile.get(m, database.get()).isPresent()
                : ComposeFile.items(d).stream().anyMatch(i -> ComposeFile.scalar(i).equals(database.get()))).orElse(false);
    }

    private static String text(Node node) {
        List<Node> items = ComposeFile.items(node);
        return items.isEmpty() ? ComposeFile.scalar(node) : String.join(" ", items.stream().map(ComposeFile::scalar).toList());
    }

    /** The compose file as the spec should name it: relative to the spec's directory. */
    public static String relative(Path specFile, Path composeFile) {
        Path from = specFile.toAbsolutePath().normalize().getParent();
        return from.relativize(composeFile.toAbsolutePath().normalize()).toString();
    }
}
