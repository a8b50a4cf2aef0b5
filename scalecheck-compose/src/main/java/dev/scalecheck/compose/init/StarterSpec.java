package dev.scalecheck.compose.init;

import dev.scalecheck.compose.lint.ComposeFile;
import dev.scalecheck.compose.lint.ComposeInterpolation;
import dev.scalecheck.compose.lint.ComposeDuration;
import dev.scalecheck.compose.lint.DatabaseImage;
import dev.scalecheck.compose.lint.Roles;
import dev.scalecheck.compose.lint.ServiceEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A starter {@code scalecheck.yml} for an existing compose stack, from its compose model
 * ({@link dev.scalecheck.compose.lint.ComposeModels}): the roles lint finds too ({@link Roles}:
 * the scaled service by evidence, never a cache or queue; the database and load balancer by
 * image), the database's kind and name, the load balancer's published port, the health path and
 * port from any URL form in the healthcheck command. What it cannot tell becomes a TODO line;
 * the probes are commented lines saying what each enables, with no demo values.
 */
public final class StarterSpec {
    private static final Pattern PUBLISHED = Pattern.compile("^(?:(\\d+\\.\\d+\\.\\d+\\.\\d+):)?(\\d+):(\\d+)(?:/tcp)?$");

    private StarterSpec() {
    }

    /** The spec text, and how many TODO lines it holds. */
    public record Draft(String text, int todos) {}

    /**
     * @param composePath how the spec names the compose file (relative to where the spec is written)
     * @param environment the variables compose would see besides the .env file (the process environment)
     * @throws IllegalArgumentException when the .env file or an env_file cannot be parsed (compose would refuse them too)
     */
    public static Draft write(ComposeFile file, String composePath, Map<String, String> environment) {
        ComposeInterpolation variables = ComposeInterpolation.forProject(file.directory(), environment);
        Map<String, MappingNode> services = file.services();
        Roles roles = Roles.find(file, null, null, null);
        Optional<String> database = roles.database();
        Optional<String> balancer = roles.balancer();
        Optional<String> service = roles.service();
        Optional<String> healthTest = service.flatMap(s -> ComposeFile.get(services.get(s), "healthcheck"))
                .filter(MappingNode.class::isInstance).flatMap(h -> ComposeFile.get((MappingNode) h, "test")).map(StarterSpec::text)
                .map(test -> variables.interpolate(test).value());
        Optional<HealthUrl> url = healthTest.flatMap(HealthUrl::in);
        Optional<String> startPeriod = service.flatMap(s -> ComposeFile.get(services.get(s), "healthcheck"))
                .filter(MappingNode.class::isInstance).flatMap(h -> ComposeFile.get((MappingNode) h, "start_period"))
                .map(ComposeFile::scalar).map(period -> variables.interpolate(period).value())
                .map(period -> {
                    try {
                        long millis = ComposeDuration.parse(period).toMillis(); // compose's config writes 1m0s
                        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
                    } catch (IllegalArgumentException notADuration) {
                        return period;
                    }
                });
        Optional<String> balancerUrl = balancer.flatMap(b -> ComposeFile.get(services.get(b), "ports")).map(ComposeFile::items)
                .flatMap(ports -> ports.stream().map(StarterSpec::shortPort).map(port -> variables.interpolate(port).value())
                        .map(PUBLISHED::matcher).filter(Matcher::matches)
                        .findFirst().map(m -> (m.group(3).equals("443") ? "https://" : "http://") // TLS behind the container's 443
                                + (m.group(1) == null ? "127.0.0.1" : m.group(1)) + ":" + m.group(2)));
        Optional<String> databaseImage = database.flatMap(d -> image(services.get(d), variables));
        Optional<String> kind = databaseImage.flatMap(DatabaseImage::kind);

        List<String> lines = new ArrayList<>();
        int[] todos = {0};
        lines.add("# scalecheck.yml written by 'scalecheck init' from " + file.path().getFileName() + "; check every TODO line.");
        lines.add("orchestrator: compose");
        lines.add("replicas: 4");
        lines.add(value("service", service, "app", roles.candidates().isEmpty()
                ? "no service is built from source or runs an application image"
                : "cannot tell which service is scaled; candidates: " + String.join(", ", roles.candidates()), todos));
        lines.add("compose:");
        lines.add("  files: [" + composePath + "]");
        String project = file.directory().getFileName() == null ? "stack" : file.directory().getFileName().toString();
        lines.add("  project: scalecheck-" + project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-"));
        lines.add("  " + value("database", database, "db", "no MariaDB/MySQL or PostgreSQL service found", todos));
        lines.add("  " + value("balancer", balancer, "lb", "no load balancer service (HAProxy, nginx, Traefik) found", todos));
        lines.add("  " + value("loadBalancer", balancerUrl, "http://127.0.0.1:8080",
                "the load balancer publishes no port on this machine; publish it on 127.0.0.1", todos));
        lines.add("health:");
        lines.add("  " + value("path", url.map(HealthUrl::path), "/",
                "no URL in the healthcheck command; set the replica's own readiness path", todos));
        lines.add("  " + value("port", url.map(HealthUrl::port), "80", "no port in the healthcheck command; set the port the replica "
                + "listens on inside its container", todos));
        lines.add("  timeout: 120s");
        lines.add("  " + value("startPeriod", startPeriod, "60s", "no start_period in the healthcheck", todos));
        lines.add("database:");
        kind.ifPresent(k -> lines.add("  kind: " + k));
        boolean officialPostgres = databaseImage.filter(DatabaseImage::hasOfficialPostgresDefaults).isPresent();
        Guess name = database.map(d -> databaseName(d, kind, officialPostgres, ServiceEnvironment.of(file, services.get(d), variables)))
                .orElse(Guess.todo("the application's schema (no database service to read it from)"));
        if (name.todo()) {
            todos[0]++;
        }
        String comment = name.comment() == null ? "" : "   # " + (name.todo() ? "TODO: " : "") + name.comment();
        lines.add("  name: " + name.value() + comment);
        lines.add("  # tool: flyway              # TODO: flyway | liquibase | schema_version; found from the history table when absent");
        lines.add("# probes:   # TODO: each probe enables a check that is SKIPPED without it; uncomment the lines and fill them in");
        Optional<Map.Entry<String, String>> dataDir = service.flatMap(s -> Roles.dataDirectory(file, s));
        lines.add(dataDir.map(d -> "#   writes: { dataDir: " + d.getValue() + " }   # shared-writes: the directory " + d.getKey()
                + " names; check all replicas share it").orElse("#   writes: { dataDir: DIR }          # shared-writes: DIR, the "
                + "directory inside the container all replicas share"));
        lines.add("#   state: { create: PATH }           # cross-replica-state: PATH, a POST through the load balancer that stores "
                + "something");
        lines.add("# checks:");
        lines.add("#   lb-reaches-all: { replicaHeader: HEADER }   # HEADER, a response header naming the replica that answered");
        todos[0] += 2;
        return new Draft(String.join("\n", lines) + "\n", todos[0]);
    }

    /**
     * The readiness URL in a healthcheck command, in any form a healthcheck writes it:
     * {@code http://localhost:3000/health}, {@code localhost:3000/health} (wget, nc), {@code
     * http://127.0.0.1/health} (port 80), in CMD or CMD-SHELL form.
     */
    record HealthUrl(String port, String path) {
        private static final Pattern WITH_SCHEME = Pattern.compile("(https?)://(?:\\[[0-9a-fA-F:]+\\]|[\\w.-]+)(?::(\\d+))?(/[^\\s\"'|;&]*)?");
        private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w/.-])(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]):(\\d+)"
                + "(/[^\\s\"'|;&]*)?");

        static Optional<HealthUrl> in(String command) {
            Matcher scheme = WITH_SCHEME.matcher(command);
            if (scheme.find()) {
                String port = scheme.group(2) != null ? scheme.group(2) : scheme.group(1).equals("https") ? "443" : "80";
                return Optional.of(new HealthUrl(port, scheme.group(3) == null ? "/" : scheme.group(3)));
            }
            Matcher hostPort = HOST_PORT.matcher(command);
            if (hostPort.find()) {
                return Optional.of(new HealthUrl(hostPort.group(1), hostPort.group(2) == null ? "/" : hostPort.group(2)));
            }
            return Optional.empty();
        }
    }

    /** A value for the spec, with why it is what it is, or why it is only a placeholder. */
    private record Guess(String value, String comment, boolean todo) {
        static Guess known(String value) {
            return new Guess(value, null, false);
        }

        static Guess todo(String why) {
            return new Guess("app", why, true);
        }
    }

    /**
     * The database the image creates, from its service's environment: POSTGRES_DB on PostgreSQL,
     * MARIADB_DATABASE or MYSQL_DATABASE on MariaDB and MySQL, any of them when the image does not tell.
     */
    private static Guess databaseName(String database, Optional<String> kind, boolean officialPostgres,
            ServiceEnvironment environment) {
        List<String> names = kind.map(k -> k.equals("postgres") ? List.of("POSTGRES_DB")
                : List.of("MARIADB_DATABASE", "MYSQL_DATABASE")).orElse(List.of("POSTGRES_DB", "MARIADB_DATABASE", "MYSQL_DATABASE"));
        for (String name : names) {
            Optional<Guess> guess = variable(database, name, environment);
            if (guess.isPresent()) {
                return guess.get().todo() ? Guess.todo("the application's schema; " + guess.get().comment()) : guess.get();
            }
        }
        if (!officialPostgres) {
            return Guess.todo("the application's schema (no " + String.join(" or ", names) + " on '" + database + "')");
        }
        // The official postgres image (and those built on it) defaults POSTGRES_DB to POSTGRES_USER, and that to postgres.
        Optional<Guess> user = variable(database, "POSTGRES_USER", environment);
        if (user.isEmpty()) {
            return new Guess("postgres", "neither POSTGRES_DB nor POSTGRES_USER on '" + database
                    + "': the postgres image's default database", false);
        }
        if (user.get().todo()) {
            return Guess.todo("the application's schema; no POSTGRES_DB on '" + database + "', so the postgres image names it "
                    + "after POSTGRES_USER, but " + user.get().comment());
        }
        return new Guess(user.get().value(), "no POSTGRES_DB on '" + database + "': the postgres image names the database after "
                + "POSTGRES_USER", false);
    }

    /**
     * A variable of the database's environment: its value; a TODO saying why when the files
     * cannot tell (an unset variable, a {@code _FILE} variant); empty when it is not set.
     */
    private static Optional<Guess> variable(String database, String name, ServiceEnvironment environment) {
        Optional<ComposeInterpolation.Result> value = environment.get(name);
        if (value.isPresent() && value.get().known().isEmpty()) {
            return Optional.of(Guess.todo(name + " of '" + database + "' is not known here: "
                    + String.join("; ", value.get().problems())));
        }
        Optional<String> set = value.flatMap(ComposeInterpolation.Result::known).filter(v -> !v.isBlank());
        if (set.isPresent()) {
            return set.map(Guess::known);
        }
        if (environment.get(name + "_FILE").isPresent()) {
            return Optional.of(Guess.todo("'" + database + "' reads " + name + " from the file " + name + "_FILE names"));
        }
        return Optional.empty();
    }

    private static String value(String key, Optional<String> found, String fallback, String why, int[] todos) {
        if (found.isPresent()) {
            return key + ": " + found.get();
        }
        todos[0]++;
        return key + ": " + fallback + "   # TODO: " + why;
    }

    /** The service's image as compose interpolates it. */
    private static Optional<String> image(MappingNode service, ComposeInterpolation variables) {
        return ComposeFile.get(service, "image").map(ComposeFile::scalar).map(i -> variables.interpolate(i).value());
    }

    /** A port in short form; the long form compose's config writes ({@code host_ip}, {@code published}, {@code target}) as one. */
    private static String shortPort(Node port) {
        if (port instanceof MappingNode mapping) {
            Optional<String> published = ComposeFile.get(mapping, "published").map(ComposeFile::scalar);
            if (published.isEmpty()) {
                return "";
            }
            return ComposeFile.get(mapping, "host_ip").map(ComposeFile::scalar).map(ip -> ip + ":").orElse("") + published.get() + ":"
                    + ComposeFile.get(mapping, "target").map(ComposeFile::scalar).orElse("0");
        }
        return ComposeFile.scalar(port);
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
