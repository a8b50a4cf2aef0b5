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
import java.util.LinkedHashMap;
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
        return List.of(new ContainerName(), new FixedHostPort(), new NetworkModeHost(), new DependsOnHealthy(),
                new NoDependsOnDatabase(), new Healthcheck(), new DatabaseHealthcheck(), new StartPeriod(), new SharedData(),
                new BehindBalancer());
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
        /** {@code [ip:]host:container[/proto]}: the host port is group 1; a host range is no fixed port. */
        private static final Pattern SHORT = Pattern.compile("^(?:\\[?[0-9a-fA-F.:]*\\]?:)?(\\d+)(-\\d+)?:\\d+(?:-\\d+)?(?:/\\w+)?$");

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
                    Matcher matcher = SHORT.matcher(scalar(port));
                    if (matcher.matches() && matcher.group(2) == null) {
                        fixed = matcher.group(1);
                    }
                } else if (port instanceof MappingNode mapping) {
                    fixed = get(mapping, "published").map(ComposeFile::scalar).filter(p -> p.matches("\\d+")).orElse(null);
                }
                if (fixed != null) {
                    findings.add(finding(file, port, "service '" + target.service() + "' publishes the fixed host port "
                            + fixed + "; only one replica can bind it",
                            "Publish the load balancer instead and drop 'ports' from '" + target.service()
                                    + "' (or publish a container port only, without a host port)."));
                }
            }
            return findings;
        }
    }

    /** network_mode: host puts every replica on the host's ports: the second cannot bind the service's port. */
    static final class NetworkModeHost extends ServiceRule {
        @Override
        public String id() {
            return "network-mode-host";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            return get(service, "network_mode").filter(n -> scalar(n).equals("host")).map(n -> List.of(finding(file, n,
                    "service '" + target.service() + "' uses network_mode: host; every replica would bind the same host port "
                            + "and the load balancer cannot tell them apart",
                    "Remove network_mode: host from '" + target.service() + "' and reach it through the compose network.")))
                    .orElse(List.of());
        }
    }

    /** No depends_on on the database at all: replicas start with the database and fail or retry their migrations. */
    static final class NoDependsOnDatabase extends ServiceRule {
        @Override
        public String id() {
            return "no-depends-on-database";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            if (target.database() == null || file.service(target.database()).isEmpty()
                    || Roles.dependsOnTransitively(file, target.service(), target.database())) {
                return List.of();
            }
            return List.of(finding(file, file.serviceKey(target.service()), "service '" + target.service()
                    + "' does not depend on the database '" + target.database() + "'; replicas may start before it answers",
                    "Add depends_on: { " + target.database() + ": { condition: service_healthy } } to '" + target.service() + "'."));
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
            if (dependsOn.isEmpty() || target.database() == null) {
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
                    // the short form means condition: service_started, as compose's own model says it
                    return List.of(finding(file, item, "service '" + target.service() + "' depends on '" + target.database()
                            + "' with condition service_started; replicas may start before the database answers", fix));
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
                    "Add a healthcheck that calls the service's own readiness endpoint, e.g. test: [CMD, curl, -fsS, "
                            + "http://127.0.0.1:<port>/<ready path>], with a start_period."));
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
            return Dockerfile.of(file, service).map(Dockerfile::healthcheck).orElse(false);
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
            Optional<MappingNode> database = target.database() == null ? Optional.empty() : file.service(target.database());
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

    /**
     * Each replica needs the same data directory: where one is known (the spec's dataDir, a
     * DATA_DIR-like variable of the service, a VOLUME of its Dockerfile), it must be a named
     * volume or a directory bind; an anonymous volume, a tmpfs or a single file gives each
     * replica its own.
     */
    static final class SharedData extends ServiceRule {
        static final Pattern DATA_VARIABLE = Pattern.compile("(?i).*(DATA|UPLOADS?|STORAGE|MEDIA|FILES)_?(DIR|PATH|ROOT|FOLDER|"
                + "LOCATION)$");

        @Override
        public String id() {
            return "data-not-shared";
        }

        @Override
        List<Finding> check(ComposeFile file, LintTarget target, MappingNode service) {
            Map<String, String> directories = new LinkedHashMap<>();
            if (target.dataDir() != null) {
                directories.put(target.dataDir(), "the spec's probes.writes.dataDir");
            }
            environment(service).forEach((key, value) -> {
                if (DATA_VARIABLE.matcher(key).matches() && value.startsWith("/")) {
                    directories.putIfAbsent(value, "its " + key);
                }
            });
            Dockerfile.of(file, service).ifPresent(d -> d.volumes().forEach(v -> directories.putIfAbsent(v, "its Dockerfile's VOLUME")));
            List<Finding> findings = new ArrayList<>();
            List<Node> volumes = get(service, "volumes").map(ComposeFile::items).orElse(List.of());
            for (Map.Entry<String, String> directory : directories.entrySet()) {
                String dir = directory.getKey().replaceAll("/+$", "");
                Optional<Node> covering = volumes.stream().filter(v -> Routing.Mount.of(v).map(m -> {
                    String mounted = m.target().replaceAll("/+$", "");
                    return !mounted.isEmpty() && (dir.equals(mounted) || dir.startsWith(mounted + "/"));
                }).orElse(false)).findFirst();
                String where = "the data directory " + dir + " (" + directory.getValue() + ")";
                if (covering.isEmpty()) {
                    findings.add(finding(file, file.serviceKey(target.service()), "service '" + target.service() + "' mounts nothing at "
                            + where + "; each replica would write its own container filesystem",
                            "Mount one named volume there, e.g. volumes: [appdata:" + dir + "]."));
                    continue;
                }
                Routing.Mount mount = Routing.Mount.of(covering.get()).orElseThrow();
                String problem = null;
                if (mount.type().equals("tmpfs")) {
                    problem = "a tmpfs";
                } else if (mount.source().isEmpty()) {
                    problem = "an anonymous volume";
                } else if (mount.bind() && Files.isRegularFile(file.directory().resolve(mount.source()))) {
                    problem = "a single file";
                }
                if (problem != null) {
                    findings.add(finding(file, covering.get(), "service '" + target.service() + "' mounts " + problem + " at " + where
                            + "; each replica gets its own", "Mount one named volume there, e.g. appdata:" + dir + "."));
                }
            }
            return findings;
        }

        static Map<String, String> environment(MappingNode service) {
            Map<String, String> values = new LinkedHashMap<>();
            get(service, "environment").ifPresent(env -> {
                if (env instanceof MappingNode mapping) {
                    mapping.getValue().forEach(t -> values.put(scalar(t.getKeyNode()), scalar(t.getValueNode())));
                } else {
                    items(env).forEach(i -> {
                        String[] parts = scalar(i).split("=", 2);
                        values.put(parts[0], parts.length > 1 ? parts[1] : "");
                    });
                }
            });
            return values;
        }
    }

    /** The scaled service must sit behind the load balancer (Pitfall 4); one only under a profile is not started. */
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
            Optional<MappingNode> balancer = target.balancer() == null ? Optional.empty() : file.service(target.balancer());
            if (balancer.isEmpty()) {
                Optional<Map.Entry<String, MappingNode>> profiled = file.inactiveServices().entrySet().stream()
                        .filter(e -> e.getKey().equals(target.balancer())
                                || Roles.image(e.getValue()).filter(Roles::isBalancerImage).isPresent())
                        .findFirst();
                if (profiled.isPresent()) {
                    Node at = get(profiled.get().getValue(), "profiles").orElse(profiled.get().getValue());
                    return List.of(new Finding("lb-only-in-profile", file.pathOf(at), ComposeFile.line(at), "load balancer '"
                            + profiled.get().getKey() + "' is only in profile " + items(get(profiled.get().getValue(), "profiles")
                                    .orElse(at)).stream().map(ComposeFile::scalar).toList() + ", which is not active; '"
                            + target.service() + "' is not behind it by default",
                            "Remove its profiles: or run with --profile " + items(get(profiled.get().getValue(), "profiles")
                                    .orElse(at)).stream().map(ComposeFile::scalar).findFirst().orElse("") + "."));
                }
                return List.of(finding(file, file.serviceKey(target.service()), "no load balancer service ("
                        + (target.balancer() == null ? "HAProxy, nginx, Traefik, Caddy or Envoy" : "'" + target.balancer() + "'")
                        + ") in front of '" + target.service() + "'",
                        "Add a load balancer service (e.g. HAProxy with server-template " + target.service()
                                + ") or name yours with --balancer (the spec's compose.balancer)."));
            }
            if (Routing.routes(file, target.balancer(), target.service())) {
                return List.of();
            }
            return List.of(finding(file, file.serviceKey(target.balancer()), "load balancer '" + target.balancer()
                    + "' does not route to '" + target.service() + "': no depends_on, no Traefik label on it, no upstream naming it "
                    + "in the configuration it mounts",
                    "Point the load balancer at the service name '" + target.service() + "' (Docker DNS returns every replica)."));
        }
    }
}
