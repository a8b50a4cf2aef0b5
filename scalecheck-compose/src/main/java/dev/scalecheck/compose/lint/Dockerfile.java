package dev.scalecheck.compose.lint;

import static dev.scalecheck.compose.lint.ComposeFile.get;
import static dev.scalecheck.compose.lint.ComposeFile.scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The stage of a service's Dockerfile that its build produces (the build's {@code target}, else
 * the last), and the stages it is built on: what HEALTHCHECK and VOLUME the image ends up with.
 * A HEALTHCHECK of another stage is not in the image.
 */
record Dockerfile(List<Stage> stages, int target) {
    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");

    record Stage(String name, String base, List<String> instructions) {}

    /** The service's Dockerfile, when it has a build whose Dockerfile can be read. */
    static Optional<Dockerfile> of(ComposeFile file, MappingNode service) {
        Optional<Node> build = get(service, "build");
        if (build.isEmpty()) {
            return Optional.empty();
        }
        MappingNode mapping = build.get() instanceof MappingNode m ? m : null;
        String context = mapping == null ? scalar(build.get()) : get(mapping, "context").map(ComposeFile::scalar).orElse(".");
        String dockerfile = mapping == null ? "Dockerfile" : get(mapping, "dockerfile").map(ComposeFile::scalar).orElse("Dockerfile");
        Optional<String> target = mapping == null ? Optional.empty() : get(mapping, "target").map(ComposeFile::scalar);
        Path path = file.directory().resolve(context).resolve(dockerfile);
        try {
            return Files.isRegularFile(path) ? Optional.of(parse(Files.readAllLines(path), target)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static Dockerfile parse(List<String> lines, Optional<String> targetName) {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (logical.isEmpty() && (line.startsWith("#") || line.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String instruction = logical.toString().strip();
            logical.setLength(0);
            Matcher from = FROM.matcher(instruction);
            if (from.matches()) {
                stages.add(new Stage(from.group(2) == null ? String.valueOf(stages.size()) : from.group(2).toLowerCase(Locale.ROOT),
                        from.group(1).toLowerCase(Locale.ROOT), new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        int target = stages.size() - 1;
        if (targetName.isPresent()) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).name().equals(targetName.get().toLowerCase(Locale.ROOT))) {
                    target = i;
                }
            }
        }
        return new Dockerfile(stages, target);
    }

    /** Whether the built image has a healthcheck: the target stage's last HEALTHCHECK, else its base stage's. */
    boolean healthcheck() {
        for (Stage stage : chain()) {
            for (int i = stage.instructions().size() - 1; i >= 0; i--) {
                String instruction = stage.instructions().get(i);
                if (instruction.toUpperCase(Locale.ROOT).startsWith("HEALTHCHECK")) {
                    return !instruction.substring("HEALTHCHECK".length()).strip().toUpperCase(Locale.ROOT).startsWith("NONE");
                }
            }
        }
        return false;
    }

    /** The image the target stage is finally built on ({@code FROM nginx:1.27 AS base} ... {@code FROM base}). */
    Optional<String> baseImage() {
        List<Stage> chain = chain();
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1).base());
    }

    /** The VOLUME paths of the target stage and the stages it is built on. */
    List<String> volumes() {
        List<String> volumes = new ArrayList<>();
        for (Stage stage : chain()) {
            for (String instruction : stage.instructions()) {
                if (instruction.toUpperCase(Locale.ROOT).startsWith("VOLUME ")) {
                    String rest = instruction.substring("VOLUME ".length()).strip();
                    for (String part : rest.replaceAll("[\\[\\]\",]", " ").strip().split("\\s+")) {
                        // a scratch directory (Spring Boot's VOLUME /tmp) is no data directory
                        if (part.startsWith("/") && !part.matches("/(var/)?tmp(/.*)?|/run(/.*)?|/var/run(/.*)?")) {
                            volumes.add(part);
                        }
                    }
                }
            }
        }
        return volumes;
    }

    /** The target stage, then the stage it is FROM, and so on while the base is a stage of this file. */
    private List<Stage> chain() {
        List<Stage> chain = new ArrayList<>();
        if (stages.isEmpty()) {
            return chain;
        }
        Stage stage = stages.get(target);
        while (stage != null && !chain.contains(stage)) {
            chain.add(stage);
            String base = stage.base();
            int index = stages.indexOf(stage);
            stage = stages.subList(0, index).stream().filter(s -> s.name().equals(base)).reduce((a, b) -> b).orElse(null);
        }
        return chain;
    }
}
