package dev.scalecheck.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.InputFile;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for what the docker compose CLI and the tools run through it print (curl and the database clients also by the swarm backend). */
public final class ComposeOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code api-2  | 2026-11-27T18:54:23.894126023Z text}, after the ESC[2K that compose 2.26 prints first. */
    private static final Pattern LOG_LINE = Pattern.compile("^(?:\\x1b\\[2K)?(\\S+?)\\s*\\| (\\S+Z) ?(.*)$");
    private static final Pattern NUMBER_LABEL = Pattern.compile("com\\.docker\\.compose\\.container-number=(\\d+)");

    /** The MariaDB client as {@link ComposeSql} runs it in the database's container: {@code sh -c <this> <database>}, SQL on stdin. */
    public static final String MARIADB_CLIENT = ComposeSql.MARIADB;

    private ComposeOutput() {
    }

    /**
     * {@code ps --format json}: a JSON array before Compose 2.21, one object per line since; nothing at all
     * when no container matches.
     */
    static List<Container> containers(String output) {
        String text = output.strip();
        List<JsonNode> nodes = new ArrayList<>();
        try {
            if (text.isEmpty()) {
                return List.of();
            }
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(nodes::add);
            } else {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        nodes.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("docker compose ps printed something that is not JSON: "
                    + InputFile.oneLine(text.substring(0, Math.min(200, text.length()))), e);
        }
        List<Container> containers = new ArrayList<>();
        for (JsonNode node : nodes) {
            String name = node.path("Name").asText();
            containers.add(new Container(node.path("ID").asText(), name, node.path("Service").asText(), number(node, name),
                    node.path("State").asText(), node.path("Health").asText(), node.path("ExitCode").asInt()));
        }
        return containers;
    }

    /** The container number: from its label, else from the name's last {@code -N}; never assumed contiguous. */
    private static int number(JsonNode node, String name) {
        Matcher label = NUMBER_LABEL.matcher(node.path("Labels").asText());
        if (label.find()) {
            return containerNumber(label.group(1), name);
        }
        Matcher suffix = Pattern.compile("[-_](\\d+)$").matcher(name);
        if (suffix.find()) {
            return containerNumber(suffix.group(1), name);
        }
        throw new IllegalArgumentException("container " + name + " has no container-number label");
    }

    private static int containerNumber(String digits, String name) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("container " + InputFile.oneLine(name) + " has a container number " + digits
                    + " out of range");
        }
    }

    /** {@code logs --timestamps --no-color}: lines grouped per container; returned in time order. */
    static List<LogLine> logs(String output) {
        List<LogLine> lines = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            Matcher matcher = LOG_LINE.matcher(raw);
            if (!matcher.matches()) {
                continue;
            }
            try {
                lines.add(new LogLine(Instant.parse(matcher.group(2)), matcher.group(1), LogLine.Stream.STDOUT, matcher.group(3)));
            } catch (DateTimeParseException e) {
                // not a timestamped line (compose's own notices); skip it
            }
        }
        lines.sort((a, b) -> a.at().compareTo(b.at()));
        return lines;
    }

    /** {@code curl -s -i}: status line, headers, blank line, body. */
    public static HttpAnswer curl(String output) {
        String text = output.replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        String[] lines = head.split("\n");
        Matcher status = Pattern.compile("^HTTP/\\S+ (\\d{3})").matcher(lines.length > 0 ? lines[0] : "");
        if (!status.find()) {
            return HttpAnswer.failed(text.isBlank() ? "empty answer" : text.strip());
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new HttpAnswer(Integer.parseInt(status.group(1)), headers, body, null);
    }

    /**
     * {@code docker inspect --format '{{json .State.Health}}'}: the last healthcheck's exit code and
     * output, on one line and shortened; empty when there is no check on record.
     */
    static Optional<String> lastHealthcheck(String output) {
        try {
            JsonNode log = JSON.readTree(output.strip().isEmpty() ? "{}" : output.strip()).path("Log");
            if (!log.isArray() || log.isEmpty()) {
                return Optional.empty();
            }
            JsonNode last = log.get(log.size() - 1);
            String text = last.path("Output").asText().strip().replaceAll("\\s+", " ");
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            return Optional.of("exit " + last.path("ExitCode").asInt() + (text.isEmpty() ? "" : ", " + text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code mariadb --batch}: a header row, then tab-separated rows; NULL is the text NULL. */
    public static List<Map<String, String>> rows(String output) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String value = c < values.length ? values[c] : null;
                row.put(header[c], "NULL".equals(value) ? null : value);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * {@code psql --no-align} with a tab between fields, a NUL after each record (so a value may
     * span lines), a header record and no footer; NULL is the text NULL, as from mariadb. A
     * record with another number of fields than the header (a tab inside a value) is an error,
     * never a guess.
     */
    static List<Map<String, String>> psqlRows(String output) {
        List<String> records = new ArrayList<>(List.of(output.split("\0", -1)));
        if (records.get(records.size() - 1).isEmpty()) {
            records.remove(records.size() - 1);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        String[] header = records.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String record : records.subList(1, records.size())) {
            String[] values = record.split("\t", -1);
            if (values.length != header.length) {
                throw new IllegalArgumentException("psql printed a row of " + values.length + " fields under a header of "
                        + header.length + " (" + String.join(", ", header) + "); a value holds a tab");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], "NULL".equals(values[c]) ? null : values[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code config --format json}: the image a service runs, once variables are substituted; empty when it has none. */
    static Optional<String> image(String config, String service) {
        try {
            JsonNode image = JSON.readTree(config).path("services").path(service).path("image");
            return image.isTextual() && !image.asText().isBlank() ? Optional.of(image.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("docker compose config printed something that is not JSON", e);
        }
    }
}
