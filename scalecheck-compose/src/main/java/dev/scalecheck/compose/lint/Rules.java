package dev.scalecheck.compose.lint;

import static dev.scalecheck.compose.lint.ComposeFile.get;
import static dev.scalecheck.compose.lint.ComposeFile.items;
import static dev.scalecheck.compose.lint.ComposeFile.key;
import static dev.scalecheck.compose.lint.ComposeFile.scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The built-in compose rules: each a few lines over the node tree. */
final class Rules {
    private Rules() {
    }

    static List<Rule> all() {
        return List.of(new ContainerName(), new FixedHostPort(), new DependsOnHealthy(), new Healthcheck(),
                new DatabaseHealthcheck(), new StartPeriod(), new SharedData(), new BehindBalancer());
    }

    private abstract static class ServiceRule implements Rule {
        @Override
        public List<Finding> check(ComposeFile file, LintTarget target) {
            return file.service(target.service()).map(service -> check(file, target, service)).orElse(List.of());
        }

        abstract List<Finding> check(ComposeFile file, LintTarget target, MappingNode service);
    }

    /** container_name fixes the name; compose cannot create a second container of the service. */
    static final class ContainerName extends ServiceRule {
        @Override
        public String id() {
            return "container-name";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            return get(service, "container_name").map(name -> List.of(finding(file, name,
                    "service '" + target.service() + "' has container_name '" + scalar(name) + "' set; a scaled service cannot "
                            + "have a fixed name",
                    "Remove container_name from service '" + target.service() + "'."))).orElse(List.of());
        }
    }

    /** A fixed host port can be bound by one replica only; the second fails with "port is already allocated". */
    static final class FixedHostPort extends ServiceRule {
        private static final Pattern SHORT = Pattern.compile("^(?:\\[?[0-9a-fA-F.:]*\\]?:)?(\\d+)(?:-\\d+)?:\\d+(?:-\\d+)?(?:/\\w+)?$");

        @Override
        public String id() {
            return "fixed-host-port";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            List<Finding> findings = new ArrayList<>();
            for (Node port : get(service, "ports").map(ComposeFile::items).orElse(List.of())) {
                String fixed = null;
                if (port instanceof ScalarNode) {
                    String text = scalar(port);
                    Matcher matcher = SHORT.matcher(text);
                    if (matcher.matches() && !text.matches(".*\\d+-\\d+:.*")) {
                        fixed = text;
                    }
                } else if (port instanceof MappingNode mapping) {
                    fixed = get(mapping, "published").map(ComposeFile::scalar).filter(p -> p.matches("\\d+")).orElse(null);
                }
                if (fixed != null) {
                    findings.add(finding(file, port, "service '" + target.service() + "' publishes the fixed host port '"
                            + fixed + "'; only one replica can bind it",
                            "Publish the load balancer instead and drop 'ports' from '" + target.service()
                                    + "' (or use a container port only, e.g. '7777')."));
                }
            }
            return findings;
        }
    }

    /** depends_on without service_healthy starts replicas before the database answers (Pitfall 2). */
    static final class DependsOnHealthy extends ServiceRule {
        @Override
        public String id() {
            return "depends-on-healthy";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            Optional<Node> dependsOn = get(service, "depends_on");
            if (dependsOn.isEmpty()) {
                return List.of();
            }
            Node node = dependsOn.get();
            String fix = "Write depends_on: { " + target.database() + ": { condition: service_healthy } } and give '"
                    + target.database() + "' a healthcheck.";
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!scalar(tuple.getKeyNode()).equals(target.database())) {
                        continue;
                    }
                    String condition = tuple.getValueNode() instanceof MappingNode conditions
                            ? get(conditions, "condition").map(ComposeFile::scalar).orElse("service_started") : "service_started";
                    if (!condition.equals("service_healthy")) {
                        return List.of(finding(file, tuple.getKeyNode(), "service '" + target.service() + "' depends on '"
                                + target.database() + "' with condition " + condition + "; replicas may start before the "
                                + "database answers", fix));
                    }
                }
                return List.of();
            }
            for (Node item : items(node)) {
                if (scalar(item).equals(target.database())) {
                    return List.of(finding(file, item, "service '" + target.service() + "' depends on '" + target.database()
                            + "' without condition: service_healthy; replicas may start before the database answers", fix));
                }
            }
            return List.of();
        }
    }

    /** Without a healthcheck nothing tells a starting replica from a ready one (TEST-01). */
    static final class Healthcheck extends ServiceRule {
        @Override
        public String id() {
            return "no-healthcheck";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            Optional<Node> healthcheck = get(service, "healthcheck");
            if (healthcheck.isPresent()) {
                return disabled(healthcheck.get()) ? List.of(finding(file, healthcheck.get(), "service '" + target.service()
                        + "' disables its healthcheck", "Remove 'disable: true' (or test: [NONE]) and probe the readiness endpoint."))
                        : List.of();
            }
            if (dockerfileHasHealthcheck(file, service)) {
                return List.of();
            }
            return List.of(finding(file, file.serviceKey(target.service()), "service '" + target.service()
                    + "' has no healthcheck (not in the compose file, not in its Dockerfile)",
                    "Add a healthcheck that calls the readiness endpoint, e.g. test: [CMD, curl, -fsS, "
                            + "http://127.0.0.1:7777/api/health/ready], with a start_period."));
        }

        /** {@code disable: true} or {@code test: [NONE]}: the image's healthcheck switched off. */
        static boolean disabled(Node healthcheck) {
            if (!(healthcheck instanceof MappingNode mapping)) {
                return false;
            }
            Optional<Node> test = get(mapping, "test");
            return get(mapping, "disable").map(ComposeFile::scalar).filter("true"::equals).isPresent()
                    || test.map(t -> scalar(t).equals("NONE") || items(t).stream().findFirst().map(ComposeFile::scalar)
                            .filter("NONE"::equals).isPresent()).orElse(false);
        }

        static boolean dockerfileHasHealthcheck(ComposeFile file, MappingNode service) {
            Optional<Node> build = get(service, "build");
            if (build.isEmpty()) {
                return false;
            }
            String context = build.get() instanceof MappingNode mapping ? get(mapping, "context").map(ComposeFile::scalar).orElse(".")
                    : scalar(build.get());
            String dockerfile = build.get() instanceof MappingNode mapping
                    ? get(mapping, "dockerfile").map(ComposeFile::scalar).orElse("Dockerfile") : "Dockerfile";
            Path path = file.directory().resolve(context).resolve(dockerfile);
            try {
                return Files.isRegularFile(path) && Files.readAllLines(path).stream()
                        .anyMatch(l -> l.strip().toUpperCase().startsWith("HEALTHCHECK") && !l.toUpperCase().contains("NONE"));
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * A service that waits for the database with condition: service_healthy never starts when
     * the database has no healthcheck: compose cannot tell when it is healthy. Any test counts
     * ({@code pg_isready}, {@code mariadb-admin ping}, {@code healthcheck.sh}, in CMD or
     * CMD-SHELL form); only a missing or disabled one is a finding.
     */
    static final class DatabaseHealthcheck extends ServiceRule {
        @Override
        public String id() {
            return "database-no-healthcheck";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            Optional<MappingNode> database = file.service(target.database());
            if (database.isEmpty() || !waitsHealthy(service, target.database())) {
                return List.of();
            }
            Optional<Node> healthcheck = get(database.get(), "healthcheck");
            if (healthcheck.isPresent() && !Healthcheck.disabled(healthcheck.get())
                    || healthcheck.isEmpty() && Healthcheck.dockerfileHasHealthcheck(file, database.get())) {
                return List.of();
            }
            Node at = healthcheck.orElse(file.serviceKey(target.database()));
            // lint sees no environment: the image as its defaults name it, enough to pick the example
            Optional<String> kind = get(database.get(), "image").map(ComposeFile::scalar)
                    .map(image -> ComposeInterpolation.of(Map.of(), Map.of()).interpolate(image).value()).flatMap(DatabaseImage::kind);
            return List.of(finding(file, at, "database service '" + target.database() + "' has "
                    + (healthcheck.isPresent() ? "its healthcheck disabled" : "no healthcheck") + ", but '" + target.service()
                    + "' waits for it with condition: service_healthy; compose cannot start '" + target.service() + "'",
                    "Give '" + target.database() + "' a healthcheck that connects over TCP, e.g. " + example(kind) + "."));
        }

        /** A test that passes only once the server listens on TCP: the images' init-time servers listen on the socket only. */
        private static String example(Optional<String> kind) {
            String postgres = "test: [CMD-SHELL, \"pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}\"]";
            String mariadb = "test: [CMD, healthcheck.sh, --connect, --innodb_initialized] "
                    + "(MySQL: [CMD, mysqladmin, ping, -h, 127.0.0.1])";
            return kind.map(k -> k.equals("postgres") ? postgres : mariadb).orElse(postgres + " on PostgreSQL, " + mariadb
                    + " on MariaDB");
        }

        private static boolean waitsHealthy(MappingNode service, String database) {
            return get(service, "depends_on").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                    .flatMap(dependsOn -> get(dependsOn, database)).filter(MappingNode.class::isInstance)
                    .flatMap(conditions -> get((MappingNode) conditions, "condition")).map(ComposeFile::scalar)
                    .filter("service_healthy"::equals).isPresent();
        }
    }

    /** A start_period sized for one replica is too short for N (Pitfall 5); needs a measured time. */
    static final class StartPeriod extends ServiceRule {
        @Override
        public String id() {
            return "start-period-short";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            Duration measured = target.measuredTimeToHealthy();
            if (measured == null) {
                return List.of();
            }
            Optional<Node> healthcheck = get(service, "healthcheck").filter(MappingNode.class::isInstance);
            Duration startPeriod = healthcheck.flatMap(h -> get((MappingNode) h, "start_period"))
                    .map(ComposeFile::scalar).map(ComposeDuration::parse).orElse(Duration.ZERO);
            if (startPeriod.compareTo(measured) >= 0) {
                return List.of();
            }
            Node at = healthcheck.flatMap(h -> key((MappingNode) h, "start_period")).orElse(file.serviceKey(target.service()));
            return List.of(finding(file, at, "service '" + target.service() + "' has start_period "
                    + ComposeDuration.format(startPeriod) + ", shorter than the measured time to healthy "
                    + ComposeDuration.format(measured),
                    "Set start_period to at least " + ComposeDuration.format(measured.multipliedBy(2)) + "."));
        }
    }

    /** Each replica needs the same data directory: a named volume or a bind mount shared by all. */
    static final class SharedData extends ServiceRule {
        @Override
        public String id() {
            return "data-not-shared";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            List<Node> volumes = get(service, "volumes").map(ComposeFile::items).orElse(List.of());
            boolean shared = volumes.stream().anyMatch(v -> v instanceof ScalarNode
                    ? scalar(v).contains(":") && !scalar(v).startsWith("/tmp")
                    : v instanceof MappingNode m && get(m, "source").isPresent());
            if (shared) {
                return List.of();
            }
            return List.of(finding(file, file.serviceKey(target.service()), "service '" + target.service()
                    + "' has no shared volume; each replica would write its own container filesystem",
                    "Mount one named volume at the data directory, e.g. volumes: [appdata:/app/data]."));
        }
    }

    /** The scaled service must sit behind the load balancer (Pitfall 4). */
    static final class BehindBalancer implements Rule {
        @Override
        public String id() {
            return "not-behind-balancer";
        }

        @Override
        public List<Finding> check(ComposeFile file, LintTarget target) {
            if (file.service(target.service()).isEmpty()) {
                return List.of();
            }
            Optional<MappingNode> balancer = file.service(target.balancer());
            if (balancer.isEmpty()) {
                return List.of(finding(file, file.serviceKey(target.service()), "no load balancer service '"
                        + target.balancer() + "' in front of '" + target.service() + "'",
                        "Add a load balancer service (e.g. HAProxy with server-template " + target.service()
                                + ") or name yours in the spec's compose.balancer."));
            }
            boolean dependsOn = get(balancer.get(), "depends_on").map(d -> d instanceof MappingNode m
                    ? m.getValue().stream().anyMatch(t -> scalar(t.getKeyNode()).equals(target.service()))
                    : items(d).stream().anyMatch(i -> scalar(i).equals(target.service()))).orElse(false);
            if (dependsOn || configMentions(file, balancer.get(), target.service())) {
                return List.of();
            }
            return List.of(finding(file, file.serviceKey(target.balancer()), "load balancer '" + target.balancer()
                    + "' neither depends on nor mentions '" + target.service() + "' in its configuration",
                    "Point the load balancer at the service name '" + target.service() + "' (Docker DNS returns every replica)."));
        }

        private static boolean configMentions(ComposeFile file, MappingNode balancer, String service) {
            for (Node volume : get(balancer, "volumes").map(ComposeFile::items).orElse(List.of())) {
                String source = scalar(volume).split(":")[0];
                Path path = file.directory().resolve(source);
                try {
                    if (source.startsWith(".") && Files.isRegularFile(path)
                            && Pattern.compile("\\b" + Pattern.quote(service) + "\\b").matcher(Files.readString(path)).find()) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // unreadable: not evidence either way
                }
            }
            return false;
        }
    }
}
