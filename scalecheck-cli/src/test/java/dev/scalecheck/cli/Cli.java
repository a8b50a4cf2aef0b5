package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command line in this JVM, or any command as a process, as a user would, and keeps what it printed. */
final class Cli {
    private Cli() {
    }

    record Outcome(int code, String output) {}

    static Outcome scalecheck(String... args) {
        StringWriter out = new StringWriter();
        int code = ScalecheckCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        return new Outcome(code, out.toString());
    }

    /** The shaded CLI jar the integration tests run as a process. */
    static String jar() {
        return Path.of(System.getProperty("scalecheck.jar", "target/scalecheck.jar")).toAbsolutePath().toString();
    }

    /** Runs a command as a process, its output and errors together; fails the test at the deadline. */
    static Outcome process(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        return process(timeoutSeconds, Map.of(), command);
    }

    static Outcome process(int timeoutSeconds, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("scalecheck-it-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
