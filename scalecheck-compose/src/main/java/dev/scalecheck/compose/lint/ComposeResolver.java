package dev.scalecheck.compose.lint;

import static dev.scalecheck.compose.lint.ComposeFile.get;
import static dev.scalecheck.compose.lint.ComposeFile.items;
import static dev.scalecheck.compose.lint.ComposeFile.line;
import static dev.scalecheck.compose.lint.ComposeFile.scalar;

import dev.scalecheck.core.InputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * scalecheck's own reading of a compose project, for machines without the {@code docker compose}
 * CLI: the model compose builds, with every node keeping the file and line that said it. It
 * implements what public compose files use: merge keys ({@code <<: *defaults}, any number of
 * aliases), interpolation from the environment and the env files (each file before merging, as
 * compose does), several files merged with {@code !reset} and {@code !override}, {@code include},
 * {@code extends} (same file or another), profiles, and the checks of compose's schema that public
 * files trip over (a service that is not a mapping, {@code ports} that is not a list, a key given
 * twice, depends_on naming no active service).
 */
final class ComposeResolver {
    private static final int MAX_DEPTH = 100;
    /** Nodes one file may expand to through its aliases; far above any real compose file, far below a billion laughs. */
    private static final int MAX_NODES = 2_000_000;
    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes", "secrets", "configs",
            "include");

    private ComposeResolver() {
    }

    /** @throws IllegalArgumentException naming the file and line, in compose's words where compose has some */
    static ComposeFile resolve(ComposeProject project) {
        ComposeInterpolation variables = variables(project);
        Map<Node, Path> origins = new IdentityHashMap<>();
        MappingNode root = null;
        for (Path file : project.files()) {
            MappingNode prepared = load(file, variables, origins);
            prepared = include(prepared, file, project, origins);
            root = root == null ? prepared : ComposeFile.mergeMappings(root, prepared, origins);
        }
        root = dropResets(root, origins);
        root = extendAll(root, project.files().get(0), variables, origins, new HashMap<>());
        validate(root, origins);
        Set<String> active = project.activeProfiles(variables);
        Map<String, MappingNode> inactive = new LinkedHashMap<>();
        root = withoutInactive(root, active, inactive, origins);
        checkDependencies(root, origins);
        checkVolumes(root, origins);
        return new ComposeFile(project.files(), root, origins, "scalecheck's compose resolver").withInactive(inactive);
    }

    /** The environment over the env files (the project's .env when none is given). */
    static ComposeInterpolation variables(ComposeProject project) {
        Map<String, String> values = new HashMap<>();
        for (Path envFile : project.envFilesRead()) {
            if (Files.isRegularFile(envFile)) {
                values.putAll(EnvFile.read(envFile, name -> Optional.ofNullable(project.environment().get(name))
                        .or(() -> Optional.ofNullable(values.get(name)))));
            } else if (!project.envFiles().isEmpty()) {
                throw new IllegalArgumentException("--env-file " + envFile + " does not exist; pass an existing env file");
            }
        }
        return ComposeInterpolation.of(project.environment(), values);
    }

    private static MappingNode load(Path file, ComposeInterpolation variables, Map<Node, Path> origins) {
        ComposeFile raw = ComposeFile.parse(file, InputFile.read(file, "compose file", "pass the compose file with -f"));
        for (NodeTuple tuple : raw.root().getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                throw new IllegalArgumentException("validating " + file + ":" + line(tuple.getKeyNode()) + ": (root) Additional property "
                        + key + " is not allowed");
            }
        }
        int before = origins.size();
        Node prepared = prepare(raw.root(), file, variables, origins, 0, true);
        if (origins.size() - before > MAX_NODES) {
            throw new IllegalArgumentException(file + ": document contains excessive aliasing");
        }
        return (MappingNode) prepared;
    }

    /**
     * A copy of {@code node} as compose reads it: merge keys flattened (the mapping's own keys win,
     * then the first merged mapping that has the key), scalar values interpolated, keys not.
     */
    private static Node prepare(Node node, Path file, ComposeInterpolation variables, Map<Node, Path> origins, int depth,
            boolean value) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(file + ":" + line(node) + ": nested deeper than " + MAX_DEPTH
                    + " levels (a recursive alias?); compose files are a few levels deep");
        }
        if (origins.size() > MAX_NODES * 2) {
            throw new IllegalArgumentException(file + ": document contains excessive aliasing");
        }
        Node copy;
        if (node instanceof ScalarNode scalarNode) {
            String text = scalarNode.getValue();
            if (value && text.contains("$")) {
                text = interpolate(text, file, scalarNode, variables);
            }
            copy = new ScalarNode(scalarNode.getTag(), text, scalarNode.getStartMark(), scalarNode.getEndMark(),
                    scalarNode.getScalarStyle());
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(prepare(item, file, variables, origins, depth + 1, true));
            }
            copy = new SequenceNode(sequence.getTag(), true, items, sequence.getStartMark(), sequence.getEndMark(),
                    sequence.getFlowStyle());
        } else {
            MappingNode mapping = (MappingNode) node;
            List<NodeTuple> own = new ArrayList<>();
            List<NodeTuple> merged = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (scalar(tuple.getKeyNode()).equals("<<") && tuple.getKeyNode() instanceof ScalarNode) {
                    Node source = tuple.getValueNode();
                    List<Node> sources = source instanceof SequenceNode sequence ? sequence.getValue() : List.of(source);
                    for (Node each : sources) {
                        if (!(each instanceof MappingNode)) {
                            throw new IllegalArgumentException(file + ":" + line(each) + ": a merge key (<<) takes a mapping or a "
                                    + "list of mappings, e.g. <<: *defaults");
                        }
                        merged.addAll(((MappingNode) prepare(each, file, variables, origins, depth + 1, true)).getValue());
                    }
                } else {
                    Node key = prepare(tuple.getKeyNode(), file, variables, origins, depth + 1, false);
                    own.add(new NodeTuple(key, prepare(tuple.getValueNode(), file, variables, origins, depth + 1, true)));
                }
            }
            Set<String> keys = new HashSet<>();
            own.forEach(t -> keys.add(scalar(t.getKeyNode())));
            List<NodeTuple> tuples = new ArrayList<>(own);
            for (NodeTuple tuple : merged) {
                if (keys.add(scalar(tuple.getKeyNode()))) {
                    tuples.add(tuple);
                }
            }
            copy = new MappingNode(mapping.getTag(), true, tuples, mapping.getStartMark(), mapping.getEndMark(),
                    mapping.getFlowStyle());
        }
        origins.put(copy, file);
        return copy;
    }

    private static String interpolate(String text, Path file, Node at, ComposeInterpolation variables) {
        ComposeInterpolation.Result result = variables.interpolate(text);
        for (String problem : result.problems()) {
            // an unset variable is a warning in compose (it becomes blank); a required one or a bad template refuses the file
            if (!problem.endsWith("is not set (neither in the environment nor in .env)")) {
                throw new IllegalArgumentException(file + ":" + line(at) + ": " + problem);
            }
        }
        return result.value();
    }

    /** {@code include:} the services (and volumes, networks) of other compose projects, each read in its own directory. */
    private static MappingNode include(MappingNode root, Path file, ComposeProject project, Map<Node, Path> origins) {
        Optional<Node> include = get(root, "include");
        if (include.isEmpty()) {
            return root;
        }
        List<NodeTuple> tuples = new ArrayList<>(root.getValue().stream().filter(t -> !scalar(t.getKeyNode()).equals("include"))
                .toList());
        MappingNode result = new MappingNode(root.getTag(), true, tuples, root.getStartMark(), root.getEndMark(), root.getFlowStyle());
        origins.put(result, file);
        for (Node entry : items(include.get())) {
            List<Path> paths = new ArrayList<>();
            Path directory = null;
            List<Path> envFiles = new ArrayList<>();
            if (entry instanceof ScalarNode) {
                paths.add(file.getParent().resolve(scalar(entry)));
            } else if (entry instanceof MappingNode mapping) {
                Node path = get(mapping, "path").orElseThrow(() -> new IllegalArgumentException(file + ":" + line(entry)
                        + ": an include entry needs path:"));
                (items(path).isEmpty() ? List.of(path) : items(path)).forEach(p -> paths.add(file.getParent().resolve(scalar(p))));
                directory = get(mapping, "project_directory").map(d -> file.getParent().resolve(scalar(d))).orElse(null);
                get(mapping, "env_file").ifPresent(e -> (items(e).isEmpty() ? List.of(e) : items(e))
                        .forEach(p -> envFiles.add(file.getParent().resolve(scalar(p)))));
            }
            for (Path path : paths) {
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException(file + ":" + line(entry) + ": included file " + path + " does not exist");
                }
            }
            ComposeFile included = resolve(new ComposeProject(paths, directory, project.profiles(), envFiles,
                    project.environment()));
            origins.putAll(included.origins());
            result = addIncluded(result, included.root(), file, origins);
        }
        return result;
    }

    /** The included project's top-level resources; one defined on both sides is a conflict compose refuses. */
    private static MappingNode addIncluded(MappingNode root, MappingNode included, Path file, Map<Node, Path> origins) {
        List<NodeTuple> tuples = new ArrayList<>(root.getValue());
        for (String section : List.of("services", "volumes", "networks", "secrets", "configs")) {
            Optional<Node> theirs = get(included, section).filter(MappingNode.class::isInstance);
            if (theirs.isEmpty()) {
                continue;
            }
            Optional<Node> ours = get(root, section).filter(MappingNode.class::isInstance);
            List<NodeTuple> entries = new ArrayList<>(ours.map(o -> ((MappingNode) o).getValue()).orElse(List.of()));
            for (NodeTuple entry : ((MappingNode) theirs.get()).getValue()) {
                String name = scalar(entry.getKeyNode());
                if (entries.stream().anyMatch(t -> scalar(t.getKeyNode()).equals(name))) {
                    throw new IllegalArgumentException(file + ": " + section + "." + name + " conflicts with imported resource; "
                            + "rename one of them");
                }
                entries.add(entry);
            }
            Node at = ours.orElse(theirs.get());
            MappingNode merged = new MappingNode(Tag.MAP, true, entries, at.getStartMark(), at.getEndMark(),
                    ((MappingNode) at).getFlowStyle());
            origins.put(merged, origins.getOrDefault(at, file));
            int index = indexOf(tuples, section);
            if (index < 0) {
                tuples.add(new NodeTuple(new ScalarNode(Tag.STR, section, at.getStartMark(), at.getEndMark(),
                        org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN), merged));
            } else {
                tuples.set(index, new NodeTuple(tuples.get(index).getKeyNode(), merged));
            }
        }
        MappingNode result = new MappingNode(root.getTag(), true, tuples, root.getStartMark(), root.getEndMark(), root.getFlowStyle());
        origins.put(result, origins.getOrDefault(root, file));
        return result;
    }

    /** A {@code !reset} left after merging (in the first file) removes its key, as compose does. */
    private static MappingNode dropResets(MappingNode mapping, Map<Node, Path> origins) {
        List<NodeTuple> tuples = new ArrayList<>();
        boolean changed = false;
        for (NodeTuple tuple : mapping.getValue()) {
            Node value = tuple.getValueNode();
            if (value.getTag().getValue().equals("!reset")) {
                changed = true;
                continue;
            }
            if (value instanceof MappingNode child) {
                MappingNode cleaned = dropResets(child, origins);
                if (cleaned != child) {
                    changed = true;
                    tuple = new NodeTuple(tuple.getKeyNode(), cleaned);
                }
            }
            tuples.add(tuple);
        }
        if (!changed) {
            return mapping;
        }
        MappingNode result = new MappingNode(mapping.getTag(), true, tuples, mapping.getStartMark(), mapping.getEndMark(),
                mapping.getFlowStyle());
        origins.put(result, origins.get(mapping));
        return result;
    }

    /** Every service with {@code extends} becomes its base merged with its own keys (the base first, as an override file). */
    private static MappingNode extendAll(MappingNode root, Path file, ComposeInterpolation variables, Map<Node, Path> origins,
            Map<Path, MappingNode> otherFiles) {
        Optional<Node> services = get(root, "services").filter(MappingNode.class::isInstance);
        if (services.isEmpty()) {
            return root;
        }
        MappingNode mapping = (MappingNode) services.get();
        if (mapping.getValue().stream().noneMatch(t -> t.getValueNode() instanceof MappingNode s && get(s, "extends").isPresent())) {
            return root;
        }
        Map<String, MappingNode> resolved = new HashMap<>();
        List<NodeTuple> tuples = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(tuple.getKeyNode());
            Node value = tuple.getValueNode() instanceof MappingNode service
                    ? extended(name, mapping, file, variables, origins, otherFiles, resolved, new ArrayList<>())
                    : tuple.getValueNode();
            tuples.add(new NodeTuple(tuple.getKeyNode(), value));
        }
        MappingNode newServices = new MappingNode(mapping.getTag(), true, tuples, mapping.getStartMark(), mapping.getEndMark(),
                mapping.getFlowStyle());
        origins.put(newServices, origins.get(mapping));
        List<NodeTuple> top = new ArrayList<>(root.getValue());
        top.set(indexOf(top, "services"), new NodeTuple(top.get(indexOf(top, "services")).getKeyNode(), newServices));
        MappingNode result = new MappingNode(root.getTag(), true, top, root.getStartMark(), root.getEndMark(), root.getFlowStyle());
        origins.put(result, origins.get(root));
        return result;
    }

    private static MappingNode extended(String name, MappingNode services, Path file, ComposeInterpolation variables,
            Map<Node, Path> origins, Map<Path, MappingNode> otherFiles, Map<String, MappingNode> resolved, List<String> chain) {
        String id = file + "#" + name;
        if (resolved.containsKey(id)) {
            return resolved.get(id);
        }
        if (chain.contains(id)) {
            throw new IllegalArgumentException(file + ": service '" + name + "' extends itself through " + String.join(" -> ", chain)
                    + "; break the cycle");
        }
        MappingNode service = get(services, name).filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                .orElseThrow(() -> new IllegalArgumentException(file + ": cannot extend service '" + name + "': no such service"));
        Optional<Node> extendsNode = get(service, "extends");
        if (extendsNode.isEmpty()) {
            return service;
        }
        chain.add(id);
        String baseName = extendsNode.get() instanceof MappingNode m ? get(m, "service").map(ComposeFile::scalar).orElse("")
                : scalar(extendsNode.get());
        Optional<String> baseFile = extendsNode.get() instanceof MappingNode m ? get(m, "file").map(ComposeFile::scalar)
                : Optional.empty();
        MappingNode base;
        if (baseFile.isPresent()) {
            Path other = file.getParent().resolve(baseFile.get()).normalize();
            if (!Files.isRegularFile(other)) {
                throw new IllegalArgumentException(file + ":" + line(extendsNode.get()) + ": extends file " + other
                        + " does not exist");
            }
            MappingNode otherRoot = otherFiles.computeIfAbsent(other, p -> load(p, variables, origins));
            MappingNode otherServices = get(otherRoot, "services").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                    .orElseThrow(() -> new IllegalArgumentException(other + " has no services; extends names a service of it"));
            base = extended(baseName, otherServices, other, variables, origins, otherFiles, resolved, chain);
        } else {
            if (get(services, baseName).filter(MappingNode.class::isInstance).isEmpty()) {
                throw new IllegalArgumentException(file + ":" + line(extendsNode.get()) + ": service '" + name
                        + "' extends undefined service '" + baseName + "'");
            }
            base = extended(baseName, services, file, variables, origins, otherFiles, resolved, chain);
        }
        List<NodeTuple> own = service.getValue().stream().filter(t -> !scalar(t.getKeyNode()).equals("extends")).toList();
        MappingNode ownOnly = new MappingNode(service.getTag(), true, new ArrayList<>(own), service.getStartMark(),
                service.getEndMark(), service.getFlowStyle());
        origins.put(ownOnly, origins.get(service));
        MappingNode merged = ComposeFile.mergeMappings(base, ownOnly, origins);
        // the result is the extending service: its own position, not the base's
        MappingNode result = new MappingNode(service.getTag(), true, merged.getValue(), service.getStartMark(), service.getEndMark(),
                service.getFlowStyle());
        origins.put(result, origins.get(service));
        resolved.put(id, result);
        chain.remove(id);
        return result;
    }

    /** The parts of compose's schema that public files get wrong, in compose's words. */
    private static void validate(MappingNode root, Map<Node, Path> origins) {
        Optional<Node> services = get(root, "services");
        if (services.isEmpty()) {
            return;
        }
        if (!(services.get() instanceof MappingNode mapping)) {
            throw refused(services.get(), origins, "services must be a mapping");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(tuple.getKeyNode());
            if (!(tuple.getValueNode() instanceof MappingNode service)) {
                throw refused(tuple.getKeyNode(), origins, "services." + name + " must be a mapping");
            }
            for (String list : List.of("ports", "expose", "cap_add", "cap_drop", "dns_search", "profiles")) {
                get(service, list).filter(v -> !(v instanceof SequenceNode)).ifPresent(v -> {
                    throw refused(v, origins, "services." + name + "." + list + " must be a array");
                });
            }
            for (String either : List.of("volumes", "depends_on", "environment", "labels", "healthcheck")) {
                get(service, either).filter(v -> v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)).ifPresent(v -> {
                    throw refused(v, origins, "services." + name + "." + either + " must be a " + (either.equals("healthcheck")
                            || either.equals("volumes") ? (either.equals("healthcheck") ? "mapping" : "array") : "array or mapping"));
                });
            }
        }
    }

    private static IllegalArgumentException refused(Node at, Map<Node, Path> origins, String problem) {
        Path file = origins.get(at);
        return new IllegalArgumentException((file == null ? "" : "validating " + file + ":" + line(at) + ": ") + problem);
    }

    /** Services none of whose profiles is active are not part of the project ({@code *} activates all). */
    private static MappingNode withoutInactive(MappingNode root, Set<String> active, Map<String, MappingNode> inactive,
            Map<Node, Path> origins) {
        Optional<Node> services = get(root, "services").filter(MappingNode.class::isInstance);
        if (services.isEmpty() || active.contains("*")) {
            return root;
        }
        MappingNode mapping = (MappingNode) services.get();
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Optional<Node> profiles = get((MappingNode) tuple.getValueNode(), "profiles");
            if (profiles.isPresent() && !items(profiles.get()).isEmpty()
                    && items(profiles.get()).stream().map(ComposeFile::scalar).noneMatch(active::contains)) {
                inactive.put(scalar(tuple.getKeyNode()), (MappingNode) tuple.getValueNode());
            } else {
                kept.add(tuple);
            }
        }
        if (inactive.isEmpty()) {
            return root;
        }
        MappingNode newServices = new MappingNode(mapping.getTag(), true, kept, mapping.getStartMark(), mapping.getEndMark(),
                mapping.getFlowStyle());
        origins.put(newServices, origins.get(mapping));
        List<NodeTuple> top = new ArrayList<>(root.getValue());
        int index = indexOf(top, "services");
        top.set(index, new NodeTuple(top.get(index).getKeyNode(), newServices));
        MappingNode result = new MappingNode(root.getTag(), true, top, root.getStartMark(), root.getEndMark(), root.getFlowStyle());
        origins.put(result, origins.get(root));
        return result;
    }

    /** depends_on naming a service that is not in the project (undefined, or under an inactive profile) refuses the project. */
    private static void checkDependencies(MappingNode root, Map<Node, Path> origins) {
        Optional<Node> services = get(root, "services").filter(MappingNode.class::isInstance);
        if (services.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        ((MappingNode) services.get()).getValue().forEach(t -> names.add(scalar(t.getKeyNode())));
        for (NodeTuple tuple : ((MappingNode) services.get()).getValue()) {
            Optional<Node> dependsOn = get((MappingNode) tuple.getValueNode(), "depends_on");
            if (dependsOn.isEmpty()) {
                continue;
            }
            List<Node> dependencies = new ArrayList<>();
            if (dependsOn.get() instanceof MappingNode m) {
                for (NodeTuple dependency : m.getValue()) {
                    boolean optional = dependency.getValueNode() instanceof MappingNode conditions
                            && get(conditions, "required").map(ComposeFile::scalar).filter("false"::equals).isPresent();
                    if (!optional) {
                        dependencies.add(dependency.getKeyNode());
                    }
                }
            } else {
                dependencies.addAll(items(dependsOn.get()));
            }
            for (Node dependency : dependencies) {
                if (!names.contains(scalar(dependency))) {
                    throw refused(dependency, origins, "service \"" + scalar(tuple.getKeyNode()) + "\" depends on undefined service \""
                            + scalar(dependency) + "\": invalid compose project");
                }
            }
        }
    }

    /** A short-form volume naming no top-level volume refuses the project ({@code nginx/conf.d:/etc/nginx} is a volume name). */
    private static void checkVolumes(MappingNode root, Map<Node, Path> origins) {
        Set<String> declared = new HashSet<>();
        get(root, "volumes").filter(MappingNode.class::isInstance)
                .ifPresent(v -> ((MappingNode) v).getValue().forEach(t -> declared.add(scalar(t.getKeyNode()))));
        Optional<Node> services = get(root, "services").filter(MappingNode.class::isInstance);
        if (services.isEmpty()) {
            return;
        }
        for (NodeTuple tuple : ((MappingNode) services.get()).getValue()) {
            for (Node volume : get((MappingNode) tuple.getValueNode(), "volumes").map(ComposeFile::items).orElse(List.of())) {
                Optional<Routing.Mount> mount = Routing.Mount.of(volume);
                if (mount.isPresent() && mount.get().type().equals("volume") && !mount.get().source().isEmpty()
                        && !declared.contains(mount.get().source())) {
                    throw refused(volume, origins, "service \"" + scalar(tuple.getKeyNode()) + "\" refers to undefined volume "
                            + mount.get().source() + ": invalid compose project");
                }
            }
        }
    }

    private static int indexOf(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (scalar(tuples.get(i).getKeyNode()).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
