package dev.scalecheck.compose.lint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A compose file as a YAML node tree that remembers each node's line, so findings can point at it. */
public final class ComposeFile {
    private final Path path;
    private final MappingNode root;

    private ComposeFile(Path path, MappingNode root) {
        this.path = path;
        this.root = root;
    }

    public static ComposeFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + " does not exist; pass the compose file with -f");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " cannot be read: " + e.getMessage());
        }
        return parse(path, text);
    }

    public static ComposeFile parse(Path path, String text) {
        Node node;
        try {
            node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new IllegalArgumentException(path + " is not a compose file (no top-level mapping)");
        }
        return new ComposeFile(path, mapping);
    }

    public Path path() {
        return path;
    }

    public Path directory() {
        return path.toAbsolutePath().getParent();
    }

    /** Services by name, in file order. */
    public Map<String, MappingNode> services() {
        Map<String, MappingNode> services = new LinkedHashMap<>();
        get(root, "services").filter(MappingNode.class::isInstance).map(MappingNode.class::cast).ifPresent(mapping -> {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getValueNode() instanceof MappingNode service) {
                    services.put(scalar(tuple.getKeyNode()), service);
                }
            }
        });
        return services;
    }

    public Optional<MappingNode> service(String name) {
        return Optional.ofNullable(services().get(name));
    }

    /** The line (1-based) of a service's name. */
    public int serviceLine(String name) {
        return get(root, "services").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                .flatMap(mapping -> mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(name)).findFirst())
                .map(t -> line(t.getKeyNode())).orElse(1);
    }

    /** The value under {@code key} of a mapping. */
    public static Optional<Node> get(MappingNode mapping, String key) {
        return mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(key)).map(NodeTuple::getValueNode).findFirst();
    }

    /** The line of {@code key} itself in a mapping. */
    public static Optional<Integer> keyLine(MappingNode mapping, String key) {
        return mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(key)).map(t -> line(t.getKeyNode())).findFirst();
    }

    public static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    public static List<Node> items(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
