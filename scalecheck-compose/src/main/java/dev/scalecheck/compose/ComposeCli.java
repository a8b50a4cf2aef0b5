package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.Command;
import dev.scalecheck.core.orchestrator.OrchestratorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code docker compose} CLI of one project: every command is a {@code List<String>} with a
 * deadline ({@link Command}).
 */
final class ComposeCli {
    private final Path directory;
    private final List<String> prefix;
    private final Map<String, String> environment;

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
    Command.Result require(Duration timeout, String stdin, String... args) {
        Command.Result result = run(timeout, stdin, List.of(args));
        if (!result.ok()) {
            throw new OrchestratorException("docker compose " + String.join(" ", args) + " failed (exit " + result.code() + "): "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }

    Command.Result run(Duration timeout, String stdin, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        return Command.run(command, directory, environment, timeout, stdin);
    }

    /**
     * Runs {@code docker compose <args>} and hands its standard output to {@code reader} as it
     * streams (nothing of it is held here); the process is ended at the deadline.
     */
    void stream(Duration timeout, List<String> args, StreamReader reader) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new OrchestratorException("cannot run docker compose " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "scalecheck-compose-stream");
        watchdog.setDaemon(true);
        watchdog.start();
        try (java.io.InputStream out = process.getInputStream()) {
            reader.read(out);
            int code = process.waitFor();
            if (code != 0) {
                throw new OrchestratorException("docker compose " + String.join(" ", args) + " failed (exit " + code + ")");
            }
        } catch (java.io.IOException e) {
            throw new OrchestratorException("docker compose " + String.join(" ", args) + " broke off: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new OrchestratorException("interrupted reading docker compose " + String.join(" ", args), e);
        } finally {
            watchdog.interrupt();
        }
    }

    /** Reads a command's output as it streams. */
    interface StreamReader {
        void read(java.io.InputStream output) throws java.io.IOException;
    }

    private static String tail(String text) {
        String stripped = text.strip();
        List<String> lines = stripped.lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
