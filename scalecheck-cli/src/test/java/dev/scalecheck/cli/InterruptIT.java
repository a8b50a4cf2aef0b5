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
        // A job started in the background by a non-interactive shell ignores SIGINT, and its children inherit
        // that (POSIX), so a build run that way would send Ctrl-C to a JVM that cannot hear it. A terminal's
        // foreground job has the default: perl restores it, then becomes the JVM.
        LocalProcess scalecheck = LocalProcess.start("scalecheck", List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\"", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Cli.jar(),
                "demo", "--fault", "slow-start", "--json", dir.resolve("run.json").toString(), "--junit",
                dir.resolve("run.xml").toString()), Map.of(), dir, clock, output::add);
        try {
            // the step lines end only when a step does: the 4 replica processes (slow-start keeping them from
            // ready for 20 s) say that step 3 is under way; the database's install counts several processes too
            Optional<Boolean> starting = Deadline.after(Duration.ofSeconds(60), clock).poll(Duration.ofMillis(50), () ->
                    Leftovers.runProcesses().stream().filter(command -> command.contains("demo-api")).count() >= 4
                            ? Optional.of(true) : Optional.empty());
            assertThat(starting).as("4 replicas started; output so far: %s", output).isPresent();

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(scalecheck.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            OptionalInt code = scalecheck.awaitExit(Duration.ofSeconds(60));
            assertThat(code).as("exit code; output: %s", output).hasValue(130);
            assertThat(Leftovers.leftoverRunProcesses()).as("processes of the run after Ctrl-C").isEmpty();
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
}
