package dev.scalecheck.compose.lint;

import dev.scalecheck.compose.lint.ComposeInterpolation.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The environment compose gives a service's containers: its {@code env_file} files in order,
 * then {@code environment} over them (a mapping or a list of {@code KEY=value}), each value
 * interpolated; a key without a value takes the project's variable of that name.
 */
public final class ServiceEnvironment {
    private final Map<String, Result> values;
    private final List<String> unread;

    private ServiceEnvironment(Map<String, Result> values, List<String> unread) {
        this.values = values;
        this.unread = List.copyOf(unread);
    }

    /** @throws IllegalArgumentException when an env_file is not an env file (compose would refuse it too) */
    public static ServiceEnvironment of(ComposeFile file, MappingNode service, ComposeInterpolation interpolation) {
        Map<String, Result> values = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        for (Node entry : ComposeFile.get(service, "env_file").map(ServiceEnvironment::listed).orElse(List.of())) {
            MappingNode detailed = entry instanceof MappingNode m ? m : null;
            Result path = interpolation.interpolate(detailed == null ? ComposeFile.scalar(entry)
                    : ComposeFile.get(detailed, "path").map(ComposeFile::scalar).orElse(""));
            boolean required = detailed == null
                    || !ComposeFile.get(detailed, "required").map(ComposeFile::scalar).orElse("true").equals("false");
            Path envFile = file.directory().resolve(path.value());
            if (path.known().isEmpty() || !Files.isRegularFile(envFile)) {
                if (required) {
                    unread.add("env_file '" + path.value() + "'" + (path.known().isEmpty()
                            ? " (" + String.join("; ", path.problems()) + ")" : ", which does not exist"));
                }
                continue;
            }
            EnvFile.read(envFile, interpolation::variable).forEach((key, value) -> values.put(key, Result.known(value)));
        }
        ComposeFile.get(service, "environment").ifPresent(environment -> {
            if (environment instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = ComposeFile.scalar(tuple.getKeyNode());
                    Node value = tuple.getValueNode();
                    if (Tag.NULL.equals(value.getTag())) {
                        interpolation.variable(key).ifPresent(v -> values.put(key, Result.known(v)));
                    } else {
                        values.put(key, interpolation.interpolate(ComposeFile.scalar(value)));
                    }
                }
                return;
            }
            for (Node item : ComposeFile.items(environment)) {
                String text = ComposeFile.scalar(item);
                int equals = text.indexOf('=');
                if (equals < 0) {
                    interpolation.variable(text).ifPresent(v -> values.put(text, Result.known(v)));
                } else {
                    values.put(text.substring(0, equals), interpolation.interpolate(text.substring(equals + 1)));
                }
            }
        });
        return new ServiceEnvironment(values, unread);
    }

    /** env_file as one path, a list of paths, or a list of {path, required}. */
    private static List<Node> listed(Node node) {
        return node instanceof SequenceNode ? ComposeFile.items(node) : List.of(node);
    }

    /**
     * A variable of the containers' environment: empty when the service does not set it, a
     * result with problems when the files cannot tell (an unset variable, an env_file that is
     * missing).
     */
    public Optional<Result> get(String name) {
        Result value = values.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        if (!unread.isEmpty()) {
            return Optional.of(new Result("", List.of(name + " may be set by " + String.join(", ", unread))));
        }
        return Optional.empty();
    }
}
