package dev.scalecheck.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.LogLine;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for what the docker CLI prints about a swarm (formats of CLI 28 against engine 20.10; see the test fixtures). */
final class SwarmOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code <RFC3339Nano> <service>.<slot>.<task id>@<node><pad>    | <message>} of {@code service logs --timestamps}. */
    private static final Pattern LOG_LINE = Pattern.compile("^(\\S+Z) (\\S+)\\.(\\d+)\\.([a-z0-9]+)@(\\S+?) *\\| ?(.*)$");
    private static final Pattern TASK_NAME = Pattern.compile("^(.+)\\.(\\d+)$");

    private SwarmOutput() {
    }

    /** {@code service ps --no-trunc --format json}: NDJSON, one task per line (also history rows), nothing when none. */
    static List<Task> tasks(String output) {
        List<Task> tasks = new ArrayList<>();
        for (JsonNode node : ndjson(output, "docker service ps")) {
            String name = node.path("Name").asText();
            Matcher matcher = TASK_NAME.matcher(name);
            if (!matcher.matches()) {
                // a global service's task is named <service>.<node id>: not a replica of a replicated service
                continue;
            }
            String current = node.path("CurrentState").asText().strip();
            String state = current.isEmpty() ? "" : current.split("\\s+")[0].toLowerCase(Locale.ROOT);
            tasks.add(new Task(node.path("ID").asText(), matcher.group(1), Integer.parseInt(matcher.group(2)),
                    node.path("Node").asText(), node.path("DesiredState").asText(), state, unquoted(node.path("Error").asText())));
        }
        return tasks;
    }

    /** The Error field comes quoted ({@code "\"task: non-zero exit (137)\""}): without its quotes. */
    private static String unquoted(String error) {
        return error.length() >= 2 && error.startsWith("\"") && error.endsWith("\"") ? error.substring(1, error.length() - 1) : error;
    }

    /** {@code node ls --format json}: NDJSON, one node per line. */
    static List<SwarmNode> nodes(String output) {
        List<SwarmNode> nodes = new ArrayList<>();
        for (JsonNode node : ndjson(output, "docker node ls")) {
            nodes.add(new SwarmNode(node.path("ID").asText(), node.path("Hostname").asText(), node.path("Status").asText(),
                    node.path("Availability").asText(), !node.path("ManagerStatus").asText().isEmpty()));
        }
        nodes.sort(Comparator.comparing(SwarmNode::hostname));
        return nodes;
    }

    /**
     * {@code service logs --timestamps --no-trunc}: lines grouped per task, returned in time order;
     * each named after its replica's slot ({@code api-3}), whichever task of the slot wrote it.
     */
    static List<LogLine> logs(String output, String replicaPrefix) {
        List<LogLine> lines = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            Matcher matcher = LOG_LINE.matcher(raw);
            if (!matcher.matches()) {
                continue;
            }
            try {
                lines.add(new LogLine(Instant.parse(matcher.group(1)), replicaPrefix + "-" + matcher.group(3), LogLine.Stream.STDOUT,
                        matcher.group(6)));
            } catch (DateTimeParseException e) {
                // not a timestamped line (a notice of the CLI); skip it
            }
        }
        lines.sort(Comparator.comparing(LogLine::at));
        return lines;
    }

    /** A service's placement as {@code service inspect --format '{{json .Spec.TaskTemplate}}'} prints it. */
    record Placement(List<String> constraints, String reservations, Integer maxPerNode, List<Mount> mounts) {}

    /** One of a service's mounts; {@code driver} and {@code options} are a volume's (driver local when none is named). */
    record Mount(String type, String source, String target, String driver, java.util.Map<String, String> options) {

        /**
         * Why what is mounted here is not one directory shared by every node, or null when it can
         * be: a bind mount of a host path (shared when every host mounts the same network file
         * system there, as the lab's /srv/shared), a volume of a network driver or of the local
         * driver with an NFS/CIFS device.
         */
        String notShared() {
            switch (type) {
                case "tmpfs":
                    return "tmpfs at " + target + " lives in each container's memory";
                case "volume":
                    String fsType = options.getOrDefault("type", "");
                    boolean network = !driver.equals("local") || fsType.startsWith("nfs") || fsType.equals("cifs");
                    return network ? null : "the volume '" + source + "' at " + target + " has the local driver: each node "
                            + "creates its own, so replicas on different nodes write to different directories; use a "
                            + "bind mount of a path every node mounts from shared storage (NFS), or a volume driver for it";
                default:
                    return null;
            }
        }
    }

    static Placement placement(String taskTemplate) {
        JsonNode template;
        try {
            template = JSON.readTree(taskTemplate.strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("docker service inspect printed something that is not JSON", e);
        }
        List<String> constraints = new ArrayList<>();
        template.path("Placement").path("Constraints").forEach(c -> constraints.add(c.asText()));
        JsonNode max = template.path("Placement").path("MaxReplicas");
        JsonNode reservations = template.path("Resources").path("Reservations");
        List<String> reserved = new ArrayList<>();
        if (reservations.path("NanoCPUs").asLong() > 0) {
            reserved.add(String.format(Locale.ROOT, "%.2f CPUs", reservations.path("NanoCPUs").asLong() / 1e9));
        }
        if (reservations.path("MemoryBytes").asLong() > 0) {
            reserved.add(reservations.path("MemoryBytes").asLong() / (1024 * 1024) + " MiB of memory");
        }
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode m : template.path("ContainerSpec").path("Mounts")) {
            JsonNode config = m.path("VolumeOptions").path("DriverConfig");
            java.util.Map<String, String> options = new java.util.TreeMap<>();
            config.path("Options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            String driver = config.path("Name").asText();
            mounts.add(new Mount(m.path("Type").asText("volume"), m.path("Source").asText(), m.path("Target").asText(),
                    driver.isEmpty() ? "local" : driver, options));
        }
        return new Placement(constraints, String.join(", ", reserved), max.asInt() > 0 ? max.asInt() : null, mounts);
    }

    /**
     * Why the directory {@code dir} of a replica is not one directory shared by every node: the
     * innermost mount that holds it is not shared ({@link Mount#notShared}), or no mount holds it
     * (the container's own filesystem); null when it can be shared.
     */
    static String dataNotShared(String dir, Placement placement) {
        java.util.Optional<Mount> mount = placement.mounts().stream()
                .filter(m -> dir.equals(m.target()) || dir.startsWith(m.target().endsWith("/") ? m.target() : m.target() + "/"))
                .max(Comparator.comparingInt(m -> m.target().length()));
        return mount.isEmpty() ? "no mount backs the data directory " + dir + ": each replica writes into its own container's filesystem"
                : mount.get().notShared();
    }

    private static List<JsonNode> ndjson(String output, String what) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " printed something that is not JSON: "
                        + InputFile.oneLine(line.substring(0, Math.min(200, line.length()))), e);
            }
        }
        return nodes;
    }
}
