package dev.scalecheck.compose.lint;

import dev.scalecheck.core.InputFile;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A compose file, or several merged as {@code docker compose -f a.yml -f b.yml} merges them, as a
 * YAML node tree that remembers each node's file and line, so findings can point at them.
 */
public final class ComposeFile {
    /** Sequences that later files add to rather than replace (the compose specification's merge rules). */
    private static final Set<String> ADDITIVE = Set.of("ports", "expose", "volumes", "secrets", "configs", "env_file", "dns",
            "extra_hosts", "depends_on", "networks", "volumes_from", "devices", "cap_add", "cap_drop");

    private final List<Path> paths;
    private final MappingNode root;
    private final Map<Node, Path> origins;
    private final String source;
    private final Map<String, MappingNode> inactive;

    private ComposeFile(List<Path> paths, MappingNode root, Map<Node, Path> origins) {
        this(paths, root, origins, "the files as written");
    }

    ComposeFile(List<Path> paths, MappingNode root, Map<Node, Path> origins, String source) {
        this(paths, root, origins, source, Map.of());
    }

    private ComposeFile(List<Path> paths, MappingNode root, Map<Node, Path> origins, String source, Map<String, MappingNode> inactive) {
        this.inactive = Map.copyOf(inactive);
        this.paths = List.copyOf(paths);
        this.root = root;
        this.origins = origins;
        this.source = source;
    }

    /** Where the model came from: {@code docker compose config}, scalecheck's own resolver, or the files as written. */
    public String source() {
        return source;
    }

    MappingNode root() {
        return root;
    }

    Map<Node, Path> origins() {
        return origins;
    }

    /** Reads a compose file of at most {@link InputFile#MAX_BYTES}, as UTF-8; a refusal's message names the file and the fix. */
    public static ComposeFile read(Path path) {
        return parse(path, InputFile.read(path, "compose file", "pass the compose file with -f"));
    }

    public static ComposeFile parse(Path path, String text) {
        Node node;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(InputFile.MAX_BYTES);
        // compose (go-yaml) sets no limit on aliases; files with a hundred and more `<<: *defaults` are common
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setNestingDepthLimit(200);
        try {
            node = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new IllegalArgumentException(path + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
                    + ": not valid YAML: " + InputFile.oneLine(e.getProblem())
                    + (e.getContext() == null ? "" : " (" + InputFile.oneLine(e.getContext()) + ")"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is not valid YAML: " + InputFile.oneLine(e.getMessage()));
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new IllegalArgumentException(path + " is not a compose file (no top-level mapping)");
        }
        rejectDuplicateKeys(path, mapping);
        return new ComposeFile(List.of(path), mapping, new IdentityHashMap<>());
    }

    /** A key twice in one mapping: compose refuses the file ("mapping key ... already defined"). */
    private static void rejectDuplicateKeys(Path path, Node node) {
        rejectDuplicateKeys(path, node, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void rejectDuplicateKeys(Path path, Node node, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Set<String> keys = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode());
                if (!key.equals("<<") && tuple.getKeyNode() instanceof ScalarNode && !keys.add(key)) {
                    throw new IllegalArgumentException(path + ":" + line(tuple.getKeyNode()) + ": mapping key '" + key
                            + "' already defined in this mapping; compose refuses a key given twice. Keep one of them.");
                }
                rejectDuplicateKeys(path, tuple.getValueNode(), seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> rejectDuplicateKeys(path, item, seen));
        }
    }

    /**
     * The files merged in order: mappings merge key by key, the sequences compose adds up (ports,
     * volumes, ...) are joined, everything else the later file replaces. Relative paths stay
     * relative to the first file's directory, as compose resolves them.
     */
    public static ComposeFile merge(List<ComposeFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no compose file given; pass one with -f");
        }
        ComposeFile first = files.get(0);
        Map<Node, Path> origins = new IdentityHashMap<>();
        MappingNode root = first.root;
        record(first, root, origins);
        for (ComposeFile next : files.subList(1, files.size())) {
            record(next, next.root, origins);
            root = mergeMappings(root, next.root, origins);
        }
        return new ComposeFile(files.stream().flatMap(f -> f.paths.stream()).toList(), root, origins);
    }

    private static void record(ComposeFile file, Node node, Map<Node, Path> origins) {
        origins.putIfAbsent(node, file.pathOf(node));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                record(file, tuple.getKeyNode(), origins);
                record(file, tuple.getValueNode(), origins);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> record(file, item, origins));
        }
    }

    static MappingNode mergeMappings(MappingNode base, MappingNode override, Map<Node, Path> origins) {
        List<NodeTuple> tuples = new ArrayList<>(base.getValue());
        for (NodeTuple addition : override.getValue()) {
            String key = scalar(addition.getKeyNode());
            int index = indexOf(tuples, key);
            String tag = addition.getValueNode().getTag().getValue();
            if (tag.equals("!reset")) {
                if (index >= 0) {
                    tuples.remove(index);
                }
                continue;
            }
            if (index >= 0 && tag.equals("!override")) {
                tuples.set(index, addition);
                continue;
            }
            if (index < 0) {
                tuples.add(addition);
                continue;
            }
            NodeTuple existing = tuples.get(index);
            Node merged = addition.getValueNode();
            if (existing.getValueNode() instanceof MappingNode left && addition.getValueNode() instanceof MappingNode right) {
                merged = mergeMappings(left, right, origins);
            } else if (ADDITIVE.contains(key) && existing.getValueNode() instanceof SequenceNode left
                    && addition.getValueNode() instanceof SequenceNode right) {
                List<Node> items = new ArrayList<>(left.getValue());
                items.addAll(right.getValue());
                merged = new SequenceNode(left.getTag(), true, items, left.getStartMark(), left.getEndMark(), left.getFlowStyle());
                origins.put(merged, origins.get(left));
            }
            Node keyNode = merged == addition.getValueNode() ? addition.getKeyNode() : existing.getKeyNode();
            tuples.set(index, new NodeTuple(keyNode, merged));
        }
        MappingNode result = new MappingNode(base.getTag(), true, tuples, base.getStartMark(), base.getEndMark(), base.getFlowStyle());
        origins.put(result, origins.get(base));
        return result;
    }

    private static int indexOf(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (scalar(tuples.get(i).getKeyNode()).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The file a node came from (the first file for nodes of a single file). */
    public Path pathOf(Node node) {
        return origins.getOrDefault(node, path());
    }

    /** Services switched off because none of their profiles is active, by name. */
    public Map<String, MappingNode> inactiveServices() {
        return inactive;
    }

    ComposeFile withInactive(Map<String, MappingNode> services) {
        return new ComposeFile(paths, root, origins, source, services);
    }

    /** The first file: the one compose resolves relative paths against. */
    public Path path() {
        return paths.get(0);
    }

    /** The file, or the files merged, for messages: {@code a.yml + b.yml}. */
    public String describe() {
        return String.join(" + ", paths.stream().map(Path::toString).toList());
    }

    public Path directory() {
        return path().toAbsolutePath().getParent();
    }

    /** A top-level section ({@code volumes}, {@code configs}, ...). */
    public Optional<Node> top(String key) {
        return get(root, key);
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

    /** The node of a service's name, where findings about the service as a whole point. */
    public Node serviceKey(String name) {
        return get(root, "services").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                .flatMap(mapping -> mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(name)).findFirst())
                .map(NodeTuple::getKeyNode).orElse(root);
    }

    /** The value under {@code key} of a mapping. */
    public static Optional<Node> get(MappingNode mapping, String key) {
        return mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(key)).map(NodeTuple::getValueNode).findFirst();
    }

    /** The node of {@code key} itself in a mapping. */
    public static Optional<Node> key(MappingNode mapping, String key) {
        return mapping.getValue().stream().filter(t -> scalar(t.getKeyNode()).equals(key)).map(NodeTuple::getKeyNode).findFirst();
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
