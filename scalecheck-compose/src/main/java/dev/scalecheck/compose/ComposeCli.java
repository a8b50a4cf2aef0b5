package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker compose} CLI of one project: every command is a {@code List<String>} with a
 * deadline; output goes through files, so a chatty command cannot block on a full pipe.
 */
final class ComposeCli {
    private final Path directory;
    private final List<String> prefix;
    private final Map<String, String> environment;

    record Result(int code, String stdout, String stderr) {
        boolean ok() {
            return code == 0;
        }
    }

    ComposeCli(Path directory, String project, List<Path> files, Map<String, String> environment) {
        this.directory = directory;
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-name", project,
                "--project-directory", directory.toString()));
        for (Path file : files) {
            command.add("--file");
            command.add(file.toString());
        }
        this.prefix = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code docker compose <args>}; a non-zero exit is an OrchestratorException naming the command and its error. */
    Result require(Duration timeout, String stdin, String... args) {
        Result result = run(timeout, stdin, List.of(args));
        if (!result.ok()) {
            throw new OrchestratorException("docker compose " + String.join(" ", args) + " failed (exit " + result.code() + "): "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }

    Result run(Duration timeout, String stdin, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        return exec(command, directory, environment, timeout, stdin);
    }

    /** Runs any command (here: docker itself) the same way. */
    static Result exec(List<String> command, Path directory, Map<String, String> environment, Duration timeout, String stdin) {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("scalecheck-compose-", ".out");
            err = Files.createTempFile("scalecheck-compose-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                in = Files.createTempFile("scalecheck-compose-", ".in");
                Files.writeString(in, stdin, StandardCharsets.UTF_8);
                builder.redirectInput(in.toFile());
            } else {
                builder.redirectInput(new File("/dev/null"));
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new OrchestratorException(String.join(" ", command.subList(0, Math.min(command.size(), 12)))
                        + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OrchestratorException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + (command.get(0).equals("docker") ? "; is Docker installed? (scripts/docker-offline.sh installs it)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorException("interrupted while running " + String.join(" ", command), e);
        } finally {
            for (Path file : new Path[] {out, err, in}) {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // a temporary file
                    }
                }
            }
        }
    }

    private static String tail(String text) {
        String stripped = text.strip();
        List<String> lines = stripped.lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
