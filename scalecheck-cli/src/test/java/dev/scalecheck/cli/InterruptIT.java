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

/** Ctrl-C (SIGINT) to a running {@code scalecheck demo}: it tears down, exits 130, and leaves no process and no bound port. */
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
                "demo", "--fault", "slow-start"), Map.of(), dir, clock, output::add);
        try {
            Optional<Boolean> waiting = Deadline.after(Duration.ofSeconds(60), clock).poll(Duration.ofMillis(50), () ->
                    output.stream().anyMatch(l -> l.text().contains("[3/7] Waiting for each replica"))
                            ? Optional.of(true) : Optional.empty());
            assertThat(waiting).as("replicas started; output so far: %s", output).isPresent();
            assertThat(Leftovers.runProcesses()).as("the run's processes while it runs").hasSizeGreaterThanOrEqualTo(5);

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(scalecheck.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            OptionalInt code = scalecheck.awaitExit(Duration.ofSeconds(60));
            assertThat(code).as("exit code; output: %s", output).hasValue(130);
            assertThat(Leftovers.runProcesses()).as("processes of the run after Ctrl-C").isEmpty();
            assertThat(Leftovers.listeningPorts()).as("listening ports after Ctrl-C").isSubsetOf(portsBefore);
        } finally {
            scalecheck.stop(Duration.ofSeconds(5));
        }
    }
}
