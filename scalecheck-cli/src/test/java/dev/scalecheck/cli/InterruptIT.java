package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.local.process.LocalProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) to a running {@code scalecheck demo}: it stops where it is, tears down, prints no verdict, exits 130,
 * writes reports that say it was interrupted, and leaves no process and no bound port.
 */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void sigintWhileReplicasStartLeavesNothingBehind() throws Exception {
        Set<Integer> portsBefore = Leftovers.listeningPorts();
        List<LogLine> output = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        LocalProcess scalecheck = LocalProcess.start("scalecheck", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Cli.jar(),
                "demo", "--fault", "slow-start", "--json", dir.resolve("run.json").toString(), "--junit",
                dir.resolve("run.xml").toString()), Map.of(), dir, clock, output::add);
        try {
            // the step lines end only when a step does: the run's own processes (the database and 4 replicas,
            // slow-start keeping them from ready for 20 s) say that step 3 is under way
            Optional<Boolean> starting = Deadline.after(Duration.ofSeconds(60), clock).poll(Duration.ofMillis(50), () ->
                    replicasRunning() ? Optional.of(true) : Optional.empty());
            assertThat(starting).as("the database and 4 replicas started; output so far: %s", output).isPresent();

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(scalecheck.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            OptionalInt code = scalecheck.awaitExit(Duration.ofSeconds(60));
            assertThat(code).as("exit code; output: %s", output).hasValue(130);
            assertThat(Leftovers.runProcesses()).as("processes of the run after Ctrl-C").isEmpty();
            assertThat(Leftovers.listeningPorts()).as("listening ports after Ctrl-C").isSubsetOf(portsBefore);
            String text = output.stream().map(LogLine::text).collect(java.util.stream.Collectors.joining("\n"));
            assertThat(text).contains("interrupted \u2014 tearing down").doesNotContain("SCALING TEST")
                    .doesNotContain("exited with code 143");
            assertThat(java.nio.file.Files.readString(dir.resolve("run.json")))
                    .contains("\"environmentError\" : \"interrupted during step 3");
            assertThat(java.nio.file.Files.readString(dir.resolve("run.xml"))).contains("<error").contains("interrupted during step 3");
        } finally {
            scalecheck.stop(Duration.ofSeconds(5));
        }
    }

    /** The 4 replicas run (java -jar on the jar in the run directory); the database started before them. */
    private static boolean replicasRunning() {
        return Leftovers.runProcesses().stream().filter(command -> command.contains(" -jar ")).count() >= 4;
    }
}
