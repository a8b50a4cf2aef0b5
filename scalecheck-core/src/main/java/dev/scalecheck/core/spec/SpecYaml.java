package dev.scalecheck.core.spec;

import dev.scalecheck.core.InputFile;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The spec's YAML as a node tree, read before it is mapped onto {@link Spec}: syntax errors get a
 * line and a column, a duplicate key is an error (YAML forbids it; a mapper keeps the last), and
 * each key's position is remembered so a value refused later is pointed at.
 */
final class SpecYaml {
    private final String source;
    private final Map<String, Mark> positions;

    private SpecYaml(String source, Map<String, Mark> positions) {
        this.source = source;
        this.positions = positions;
    }

    /** No positions known: messages name only the source. */
    static SpecYaml none(String source) {
        return new SpecYaml(source, Map.of());
    }

    static SpecYaml read(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(InputFile.MAX_BYTES);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + (e.getContextMark() != null && e.getProblemMark() != null && e.getContextMark() != e.getProblemMark()
                    ? " at " + (e.getContextMark().getLine() + 1) + ":" + (e.getContextMark().getColumn() + 1) : "") + ")";
            throw new SpecException(at(source, mark) + ": not valid YAML: " + InputFile.oneLine(e.getProblem()) + context
                    + "; check the brackets, quotes and indentation there");
        } catch (YAMLException e) {
            throw new SpecException(source + ": not valid YAML: " + InputFile.oneLine(e.getMessage()));
        }
        Map<String, Mark> positions = new HashMap<>();
        if (root != null) {
            walk(root, "", source, positions, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return new SpecYaml(source, positions);
    }

    /** {@code source:line:column} of the value at {@code path} (e.g. {@code health.timeout}), else {@code source}. */
    String at(String path) {
        Mark mark = positions.get(path);
        return mark == null ? source : at(source, mark);
    }

    private static String at(String source, Mark mark) {
        return mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private static void walk(Node node, String path, String source, Map<String, Mark> positions, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Mark> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (key == null) {
                    continue;
                }
                Mark first = keys.putIfAbsent(key, keyNode.getStartMark());
                if (first != null && !key.equals("<<")) {
                    throw new SpecException(at(source, keyNode.getStartMark()) + ": duplicate key '" + key + "'"
                            + (path.isEmpty() ? "" : " in " + path) + " (first at line " + (first.getLine() + 1)
                            + "); keep one of them");
                }
                String child = path.isEmpty() ? key : path + "." + key;
                positions.putIfAbsent(child, tuple.getValueNode().getStartMark());
                walk(tuple.getValueNode(), child, source, positions, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                positions.putIfAbsent(child, items.get(i).getStartMark());
                walk(items.get(i), child, source, positions, seen);
            }
        }
    }
}
