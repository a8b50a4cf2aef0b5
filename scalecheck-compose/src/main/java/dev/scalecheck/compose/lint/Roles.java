package dev.scalecheck.compose.lint;

import static dev.scalecheck.compose.lint.ComposeFile.get;
import static dev.scalecheck.compose.lint.ComposeFile.items;
import static dev.scalecheck.compose.lint.ComposeFile.scalar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Which service of a compose model plays which part, found from what the model says, not from
 * its name: the database and load balancer by image (or named by a flag), the scaled service by
 * evidence (built from source, depends on the database, routed by the load balancer, has a
 * healthcheck). Caches, queues and other infrastructure are never the scaled service. lint and
 * init both ask this.
 *
 * @param service the scaled service, when one stands out (or was named)
 * @param candidates when none stands out: the services that could be it, best first
 */
public record Roles(Optional<String> service, Optional<String> database, Optional<String> balancer, List<String> candidates) {
    private static final Pattern BALANCER = word("haproxy|nginx|traefik|caddy|envoy|openresty");
    /** Infrastructure that is never the service under test. */
    private static final Pattern INFRASTRUCTURE = word("redis|valkey|keydb|memcached|rabbitmq|kafka|zookeeper|nats|mosquitto|"
            + "elasticsearch|opensearch|mongo|mongodb|minio|mailhog|mailpit|maildev|smtp|postfix|prometheus|grafana|loki|jaeger|"
            + "otel-collector|opentelemetry-collector|adminer|phpmyadmin|pgadmin4|pgadmin|cadvisor|node-exporter|clickhouse|"
            + "etcd|consul|vault|localstack|selenium|meilisearch|typesense|qdrant|solr|memcache|busybox|alpine|tika|gotenberg|"
            + "collabora|onlyoffice|vector|fluentd|fluent-bit|certbot|watchtower|registry|pgbouncer|pgpool|pgpool2|proxysql|odyssey|"
            + "maxscale|pgcat|supavisor");

    private static Pattern word(String words) {
        return Pattern.compile("(^|[-_./])(" + words + ")([-_.:/@]|$)");
    }

    /** The roles of {@code file}; a non-null flag names its role's service as given. */
    public static Roles find(ComposeFile file, String serviceFlag, String databaseFlag, String balancerFlag) {
        Map<String, MappingNode> services = file.services();
        Optional<String> database = Optional.ofNullable(databaseFlag)
                .or(() -> byImage(file, services, image -> DatabaseImage.kind(image).isPresent()));
        Optional<String> balancer = Optional.ofNullable(balancerFlag).or(() -> byImage(file, services, Roles::isBalancerImage));
        if (serviceFlag != null) {
            return new Roles(Optional.of(serviceFlag), database, balancer, List.of());
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, MappingNode> entry : services.entrySet()) {
            String name = entry.getKey();
            MappingNode service = entry.getValue();
            if (Optional.of(name).equals(database) || Optional.of(name).equals(balancer)
                    || baseOrImage(file, service).filter(i -> DatabaseImage.kind(i).isPresent() || isBalancerImage(i)).isPresent()
                    || image(service).filter(i -> INFRASTRUCTURE.matcher(imageName(i)).find()).isPresent()
                    || image(service).isEmpty() && get(service, "build").isEmpty()) {
                continue;
            }
            int score = 0;
            if (get(service, "build").isPresent()) {
                score += 2;
            }
            if (database.isPresent() && dependsOn(service, database.get())) {
                score += 2;
            } else if (database.isPresent() && dependsOnTransitively(file, name, database.get())) {
                score += 1;
            }
            if (balancer.isPresent() && Routing.routes(file, balancer.get(), name)) {
                score += 3;
            }
            if (get(service, "healthcheck").isPresent()) {
                score += 1;
            }
            candidates.add(new Candidate(name, score));
        }
        candidates.sort(Comparator.comparingInt(Candidate::score).reversed());
        List<String> names = candidates.stream().map(Candidate::name).toList();
        boolean standsOut = candidates.size() == 1
                || !candidates.isEmpty() && candidates.get(0).score() >= 2 && candidates.get(0).score() > candidates.get(1).score();
        return new Roles(standsOut ? Optional.of(names.get(0)) : Optional.empty(), database, balancer, names);
    }

    private record Candidate(String name, int score) {}

    /** The service's data directory and the variable that names it ({@code DATA_DIR=/app/data}), when a variable does. */
    public static Optional<Map.Entry<String, String>> dataDirectory(ComposeFile file, String service) {
        return file.service(service).flatMap(s -> Rules.SharedData.environment(s).entrySet().stream()
                .filter(e -> Rules.SharedData.DATA_VARIABLE.matcher(e.getKey()).matches() && e.getValue().startsWith("/"))
                .map(e -> Map.entry(e.getKey(), e.getValue())).findFirst());
    }

    static boolean isBalancerImage(String image) {
        String name = imageName(image);
        return BALANCER.matcher(name).find() && !name.contains("exporter");
    }

    /** {@code docker.io/library/redis:7-alpine@sha256:...} is {@code redis}: no registry, namespace, tag or digest. */
    private static String imageName(String image) {
        String name = image.toLowerCase(Locale.ROOT);
        int digest = name.indexOf('@');
        name = digest < 0 ? name : name.substring(0, digest);
        name = name.substring(name.lastIndexOf('/') + 1);
        int tag = name.indexOf(':');
        return tag < 0 ? name : name.substring(0, tag);
    }

    /** The first service (in file order) whose image, or the image its Dockerfile builds on, says it. */
    private static Optional<String> byImage(ComposeFile file, Map<String, MappingNode> services,
            java.util.function.Predicate<String> test) {
        return services.entrySet().stream().filter(e -> image(e.getValue()).filter(test).isPresent()).map(Map.Entry::getKey)
                .findFirst()
                .or(() -> services.entrySet().stream().filter(e -> baseOrImage(file, e.getValue()).filter(test).isPresent())
                        .map(Map.Entry::getKey).findFirst());
    }

    /** What a built service is built on ({@code build: ./proxy} with {@code FROM nginx}), else its image. */
    static Optional<String> baseOrImage(ComposeFile file, MappingNode service) {
        return Dockerfile.of(file, service).flatMap(Dockerfile::baseImage).filter(b -> !b.contains("$")).or(() -> image(service));
    }

    /** The image; in a file read as written (not a model), its defaults applied ({@code ${DB_IMAGE:-mariadb:11.4}}). */
    static Optional<String> image(MappingNode service) {
        return get(service, "image").map(ComposeFile::scalar)
                .map(i -> i.contains("$") ? ComposeInterpolation.of(Map.of(), Map.of()).interpolate(i).value() : i)
                .filter(i -> !i.isBlank());
    }

    /** Whether {@code service} waits for {@code other} through depends_on, directly or through services it depends on (a pooler). */
    static boolean dependsOnTransitively(ComposeFile file, String service, String other) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(service));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (!seen.add(next)) {
                continue;
            }
            Optional<MappingNode> node = file.service(next);
            if (node.isEmpty()) {
                continue;
            }
            if (dependsOn(node.get(), other)) {
                return true;
            }
            get(node.get(), "depends_on").ifPresent(d -> (d instanceof MappingNode m
                    ? m.getValue().stream().map(NodeTuple::getKeyNode) : items(d).stream()).map(ComposeFile::scalar).forEach(todo::add));
        }
        return false;
    }

    /** Whether {@code service} lists {@code other} in depends_on (either form). */
    static boolean dependsOn(MappingNode service, String other) {
        return dependency(service, other).isPresent();
    }

    /** The node naming {@code other} in the service's depends_on. */
    static Optional<Node> dependency(MappingNode service, String other) {
        Optional<Node> dependsOn = get(service, "depends_on");
        if (dependsOn.isEmpty()) {
            return Optional.empty();
        }
        if (dependsOn.get() instanceof MappingNode mapping) {
            return mapping.getValue().stream().map(NodeTuple::getKeyNode).filter(k -> scalar(k).equals(other)).findFirst();
        }
        return items(dependsOn.get()).stream().filter(i -> scalar(i).equals(other)).findFirst();
    }
}
