package dev.scalecheck.core.orchestrator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to its end, with a deadline; output goes through files, so a
 * chatty command cannot block on a full pipe and no line is lost.
 */
public final class Command {

    /** What a finished command said. */
    public record Result(int code, String stdout, String stderr) {
        public boolean ok() {
            return code == 0;
        }
    }

    private Command() {
    }

    /**
     * @param environment added to this process's own environment
     * @param stdin written to the command's standard input, or null for none
     * @throws OrchestratorException when it cannot start or does not end by the deadline (it is then killed)
     */
    public static Result run(List<String> command, Path directory, Map<String, String> environment, Duration timeout, String stdin) {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("scalecheck-cmd-", ".out");
            err = Files.createTempFile("scalecheck-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                in = Files.createTempFile("scalecheck-cmd-", ".in");
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
}
