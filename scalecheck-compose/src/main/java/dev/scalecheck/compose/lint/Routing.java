package dev.scalecheck.compose.lint;

import static dev.scalecheck.compose.lint.ComposeFile.get;
import static dev.scalecheck.compose.lint.ComposeFile.items;
import static dev.scalecheck.compose.lint.ComposeFile.scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Whether a load balancer sends traffic to a service: it depends on it, Traefik labels on the
 * service route it, or a configuration file the balancer mounts (a file or a directory, in any
 * bind form, or a compose config) names the service as an upstream: {@code proxy_pass
 * http://web:8000}, {@code server web:8000} (nginx upstream, HAProxy), {@code server-template},
 * {@code reverse_proxy web:8000} (Caddy), {@code address: web} (Envoy), a URL whose host is the
 * service. A word that merely appears ({@code location /api/}) is not routing.
 */
final class Routing {
    private static final int MAX_FILES = 50;
    private static final long MAX_BYTES = 1024 * 1024;

    private Routing() {
    }

    static boolean routes(ComposeFile file, String balancerName, String service) {
        Optional<MappingNode> balancer = file.service(balancerName);
        Optional<MappingNode> target = file.service(service);
        if (balancer.isEmpty() || target.isEmpty()) {
            return false;
        }
        return Roles.dependsOn(balancer.get(), service) || traefikLabels(target.get())
                || configFiles(file, balancer.get()).stream().anyMatch(path -> names(path, service));
    }

    /** {@code traefik.enable=true}, or a router or service of Traefik declared on the service. */
    static boolean traefikLabels(MappingNode service) {
        Optional<Node> labels = get(service, "labels");
        if (labels.isEmpty()) {
            return false;
        }
        List<String[]> pairs = new ArrayList<>();
        if (labels.get() instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                pairs.add(new String[] {scalar(tuple.getKeyNode()), scalar(tuple.getValueNode())});
            }
        } else {
            for (Node item : items(labels.get())) {
                String[] parts = scalar(item).split("=", 2);
                pairs.add(new String[] {parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""});
            }
        }
        boolean disabled = pairs.stream().anyMatch(p -> p[0].equals("traefik.enable") && p[1].equalsIgnoreCase("false"));
        return !disabled && pairs.stream().anyMatch(p -> p[0].equals("traefik.enable") && p[1].equalsIgnoreCase("true")
                || p[0].startsWith("traefik.http.routers.") || p[0].startsWith("traefik.http.services.")
                || p[0].startsWith("traefik.tcp.routers."));
    }

    /** The host files a service mounts by bind (short or long form, with or without ./), and its file configs. */
    static List<Path> binds(ComposeFile file, MappingNode service) {
        List<Path> sources = new ArrayList<>();
        for (Node volume : get(service, "volumes").map(ComposeFile::items).orElse(List.of())) {
            Mount.of(volume).filter(Mount::bind).ifPresent(m -> sources.add(file.directory().resolve(m.source())));
        }
        Optional<Node> topConfigs = file.top("configs");
        for (Node config : get(service, "configs").map(ComposeFile::items).orElse(List.of())) {
            String name = config instanceof MappingNode m ? get(m, "source").map(ComposeFile::scalar).orElse("") : scalar(config);
            topConfigs.filter(MappingNode.class::isInstance).flatMap(c -> get((MappingNode) c, name))
                    .filter(MappingNode.class::isInstance).flatMap(c -> get((MappingNode) c, "file"))
                    .ifPresent(f -> sources.add(file.directory().resolve(scalar(f))));
        }
        return sources;
    }

    private static List<Path> configFiles(ComposeFile file, MappingNode balancer) {
        List<Path> files = new ArrayList<>();
        for (Path source : binds(file, balancer)) {
            if (Files.isRegularFile(source)) {
                files.add(source);
            } else if (Files.isDirectory(source) && !source.equals(source.getRoot())) {
                try (Stream<Path> walk = Files.walk(source, 3)) {
                    walk.filter(Files::isRegularFile).limit(MAX_FILES).forEach(files::add);
                } catch (IOException | RuntimeException unreadable) {
                    // not evidence either way
                }
            }
        }
        return files;
    }

    private static boolean names(Path config, String service) {
        try {
            if (Files.size(config) > MAX_BYTES) {
                return false;
            }
            return upstream(service).matcher(Files.readString(config)).find();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** The service as an upstream host in the directives of nginx, HAProxy, Caddy, Envoy and Traefik's file provider. */
    static Pattern upstream(String service) {
        String name = Pattern.quote(service);
        String end = "(?::\\d+)?(?=[\\s;/\"',}]|$)";
        return Pattern.compile(String.join("|",
                "\\b[a-z0-9+]+://" + name + end,
                "(?m)^\\s*server\\s+(?:\\S+\\s+)?" + name + end,
                "(?m)^\\s*server-template\\s+\\S+\\s+\\S+\\s+" + name + end,
                "(?m)^\\s*(?:reverse_proxy|to)\\s+(?:\\S+\\s+)*?" + name + end,
                "(?m)^\\s*(?:-\\s*)?address:\\s*[\"']?" + name + end,
                "(?m)^\\s*(?:proxy_pass|grpc_pass|fastcgi_pass|uwsgi_pass)\\s+" + name + end));
    }

    /** One entry of a service's volumes: short ({@code src:dst[:mode]}) or long ({@code type: bind, source:, target:}). */
    record Mount(String type, String source, String target) {
        boolean bind() {
            return type.equals("bind");
        }

        static Optional<Mount> of(Node volume) {
            if (volume instanceof ScalarNode) {
                String text = scalar(volume);
                String[] parts = text.split(":");
                if (parts.length == 1) {
                    return Optional.of(new Mount("volume", "", parts[0]));
                }
                String source = parts[0];
                // as compose reads the short form: a path starts with . / or ~; anything else names a volume
                boolean path = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
                return Optional.of(new Mount(path ? "bind" : "volume", source, parts[1]));
            }
            if (volume instanceof MappingNode mapping) {
                String type = get(mapping, "type").map(ComposeFile::scalar).orElse("volume");
                return Optional.of(new Mount(type, get(mapping, "source").map(ComposeFile::scalar).orElse(""),
                        get(mapping, "target").map(ComposeFile::scalar).orElse("")));
            }
            return Optional.empty();
        }
    }
}
