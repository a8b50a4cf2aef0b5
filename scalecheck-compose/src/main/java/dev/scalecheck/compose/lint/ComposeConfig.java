package dev.scalecheck.compose.lint;

import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The model {@code docker compose config --format json} prints: what compose will run, read by
 * compose itself (no engine needed). Its nodes are given the file and line of the same path in
 * scalecheck's own reading of the files, so findings still point at the source.
 */
final class ComposeConfig {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static volatile Boolean available;

    private ComposeConfig() {
    }

    /** Whether {@code docker compose} runs here (asked once). */
    static boolean available() {
        if (available == null) {
            boolean ok;
            try {
                ok = Command.run(List.of("docker", "compose", "version"), Path.of("."), Map.of(), Duration.ofSeconds(20), null).ok();
            } catch (OrchestratorException e) {
                ok = false;
            }
            available = ok;
        }
        return available;
    }

    /**
     * @param positions scalecheck's own model of the same files, where each node's file and line come from, or null
     * @throws IllegalArgumentException with compose's own message when compose refuses the files
     */
    static ComposeFile load(ComposeProject project, ComposeFile positions) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-directory", project.directory().toString()));
        for (Path file : project.files()) {
            command.add("--file");
            command.add(file.toString());
        }
        for (String profile : project.profiles()) {
            command.add("--profile");
            command.add(profile);
        }
        for (Path envFile : project.envFiles()) {
            command.add("--env-file");
            command.add(envFile.toString());
        }
        command.addAll(List.of("config", "--format", "json"));
        Command.Result result = Command.run(command, project.directory(), project.environment(), TIMEOUT, null);
        if (!result.ok()) {
            String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            throw new IllegalArgumentException("docker compose refuses " + project.describe() + ": "
                    + InputFile.oneLine(String.join(" / ", said.lines().filter(l -> !l.isBlank())
                            .filter(l -> !l.contains("level=warning")).toList()))
                    + "; fix the compose file (docker compose config shows the same)");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Node json = new Yaml(options).compose(new StringReader(result.stdout()));
        Map<Node, Path> origins = new IdentityHashMap<>();
        Node fallback = positions == null ? null : positions.root();
        Map<Node, Path> ownOrigins = positions == null ? Map.of() : positions.origins();
        Path first = project.files().get(0);
        MappingNode root = (MappingNode) rebuild(json, positions == null ? null : positions.root(), fallback, ownOrigins, origins,
                first);
        return new ComposeFile(project.files(), root, origins, "docker compose config")
                .withInactive(positions == null ? Map.of() : positions.inactiveServices());
    }

    /**
     * A copy of compose's node with the position of {@code own}, the same path in scalecheck's
     * reading, else of the nearest ancestor that has one. Mapping keys keep the order of the files.
     */
    private static Node rebuild(Node node, Node own, Node ancestor, Map<Node, Path> ownOrigins, Map<Node, Path> origins, Path first) {
        Node at = own != null ? own : ancestor;
        Mark start = at == null ? node.getStartMark() : at.getStartMark();
        Mark end = at == null ? node.getEndMark() : at.getEndMark();
        Node copy;
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ComposeFile.scalar(tuple.getKeyNode());
                NodeTuple ownTuple = child(own, key);
                Node ownKey = ownTuple == null ? null : ownTuple.getKeyNode();
                Node ownValue = ownTuple == null ? null : ownTuple.getValueNode();
                Node keyCopy = rebuild(tuple.getKeyNode(), ownKey, at, ownOrigins, origins, first);
                tuples.add(new NodeTuple(keyCopy, rebuild(tuple.getValueNode(), ownValue, ownKey != null ? ownKey : at, ownOrigins,
                        origins, first)));
                order.add(ownKey == null ? Integer.MAX_VALUE : ownKey.getStartMark().getIndex());
            }
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < tuples.size(); i++) {
                indexes.add(i);
            }
            indexes.sort(Comparator.comparingInt(order::get));
            copy = new MappingNode(mapping.getTag(), true, indexes.stream().map(tuples::get).toList(), start, end,
                    mapping.getFlowStyle());
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            List<Node> ownItems = own instanceof SequenceNode ownSequence ? ownSequence.getValue() : List.of();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(rebuild(sequence.getValue().get(i), i < ownItems.size() ? ownItems.get(i) : null, at, ownOrigins, origins,
                        first));
            }
            copy = new SequenceNode(sequence.getTag(), true, items, start, end, sequence.getFlowStyle());
        } else {
            ScalarNode scalar = (ScalarNode) node;
            copy = new ScalarNode(scalar.getTag(), scalar.getValue(), start, end, scalar.getScalarStyle());
        }
        origins.put(copy, at == null ? first : ownOrigins.getOrDefault(at, first));
        return copy;
    }

    /**
     * The entry {@code key} of scalecheck's node: a mapping's key, or the item of a list that says
     * the same in short form ({@code depends_on: [db]}, {@code environment: [A=b]}).
     */
    private static NodeTuple child(Node own, String key) {
        if (own instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (ComposeFile.scalar(tuple.getKeyNode()).equals(key)) {
                    return tuple;
                }
            }
        } else if (own instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String text = ComposeFile.scalar(item);
                if (text.equals(key) || text.startsWith(key + "=")) {
                    return new NodeTuple(item, item);
                }
            }
        }
        return null;
    }
}
