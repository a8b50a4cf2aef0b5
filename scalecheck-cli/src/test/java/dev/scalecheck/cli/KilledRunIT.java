package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.local.process.LocalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a running {@code scalecheck demo} leaves its database, its replicas and its directory (with the
 * password file) behind; the next run says so in step 1 and removes them, and {@code scalecheck clean} then finds nothing.
 */
class KilledRunIT {
    private static final Pattern RUN_DIRECTORY = Pattern.compile("(/\\S*/scalecheck-run-[^/\\s]+)");

    @TempDir
    Path dir;

    @Test
    void theNextRunReportsAndRemovesWhatAKilledRunLeft() throws Exception {
        List<LogLine> output = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        LocalProcess killed = LocalProcess.start("scalecheck", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Cli.jar(),
                "demo", "--fault", "slow-start"), Map.of(), dir, clock, output::add);
        Path run;
        try {
            Optional<Path> started = Deadline.after(Duration.ofSeconds(60), clock).poll(Duration.ofMillis(50), () ->
                    replicasRunning() ? runDirectory(killed.pid()) : Optional.empty());
            assertThat(started).as("the database and 4 replicas started; output so far: %s", output).isPresent();
            run = started.get();
            Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(killed.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(killed.awaitExit(Duration.ofSeconds(30))).hasValue(137);
        } finally {
            killed.stop(Duration.ofSeconds(5));
        }
        assertThat(Leftovers.processes(run.toString())).as("what the killed run left running").isNotEmpty();
        assertThat(run.resolve("db-password")).exists();

        Cli.Outcome next = Cli.process(180, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Cli.jar(),
                "demo", "--replicas", "2");
        assertThat(next.output()).as("the next run").contains("removed the leftovers of a run whose owner (pid " + killed.pid(),
                "deleted " + run);
        assertThat(next.code()).as(next.output()).isZero();
        assertThat(Leftovers.processes(run.toString())).isEmpty();
        assertThat(run).doesNotExist();

        Cli.Outcome clean = Cli.scalecheck("clean");
        assertThat(clean.code()).isZero();
        assertThat(clean.output()).doesNotContain(run.toString());
    }

    /** The run directory of the scalecheck process {@code pid}, from its database's command line. */
    private static Optional<Path> runDirectory(long pid) {
        for (String command : Leftovers.processes("scalecheck-run-")) {
            Matcher matcher = RUN_DIRECTORY.matcher(command);
            if (matcher.find()) {
                Path run = Path.of(matcher.group(1));
                try {
                    if (Files.readString(run.resolve("owner")).contains("pid=" + pid + "\n")) {
                        return Optional.of(run);
                    }
                } catch (java.io.IOException e) {
                    // another run's, or not written yet
                }
            }
        }
        return Optional.empty();
    }

    /** The 4 replicas run (java -jar on the jar in the run directory); the database started before them. */
    private static boolean replicasRunning() {
        return Leftovers.runProcesses().stream().filter(command -> command.contains(" -jar ")).count() >= 4;
    }
}
