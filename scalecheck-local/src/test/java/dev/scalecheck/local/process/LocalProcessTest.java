package dev.scalecheck.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {
    @TempDir
    Path dir;

    @RepeatedTest(20)
    void capturesEveryLineOfBothStreamsUpToTheExit() throws InterruptedException {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        LocalProcess process = LocalProcess.start("p", List.of("sh", "-c",
                "i=0; while [ $i -lt 500 ]; do echo out $i; echo err $i >&2; i=$((i+1)); done; echo last"),
                Map.of(), dir, Clock.systemUTC(), lines::add);
        assertThat(process.awaitExit(Duration.ofSeconds(30))).hasValue(0);
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDOUT).hasSize(501)
                .last().extracting(LogLine::text).isEqualTo("last");
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDERR).hasSize(500);
    }

    @Test
    void sigtermThenSigkillStopsAProcessThatIgnoresSigterm() {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        LocalProcess process = LocalProcess.start("stubborn", List.of("sh", "-c",
                "trap '' TERM; echo started; while true; do sleep 0.1; done"), Map.of(), dir, Clock.systemUTC(), lines::add);
        assertThat(process.stop(Duration.ofMillis(300))).hasValue(137);
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aWrapperThatDoesNotExecIsStoppedWithTheServiceItStarted() throws InterruptedException {
        // "; true" keeps sh from exec'ing the last command: the real service is sh's child, as with sh -c 'java -jar ...'
        LocalProcess wrapper = LocalProcess.start("wrapper", List.of("sh", "-c", "sleep 300; true"), Map.of(), dir,
                Clock.systemUTC(), line -> { });
        ProcessHandle service = awaitChild(wrapper);
        assertThat(LocalProcess.stopAll(List.of(wrapper), Duration.ofSeconds(5))).isEmpty();
        assertThat(wrapper.isAlive()).isFalse();
        assertThat(ProcessGroups.running(service)).as("the wrapped service, pid %d", service.pid()).isFalse();
    }

    @Test
    void leadsItsOwnProcessGroup() throws InterruptedException {
        LocalProcess process = LocalProcess.start("leader", List.of("sh", "-c", "sleep 300; true"), Map.of(), dir,
                Clock.systemUTC(), line -> { });
        try {
            // polled: until setsid has run, the new process is still in this JVM's group
            Optional<Long> group = Deadline.after(Duration.ofSeconds(5), Clock.systemUTC()).poll(Duration.ofMillis(10), () ->
                    Optional.of(ProcessGroups.groupOf(process.pid())).filter(pgid -> pgid == process.pid()));
            assertThat(group).hasValue(process.pid());
            assertThat(group.get()).isNotEqualTo(ProcessGroups.groupOf(ProcessHandle.current().pid()));
        } finally {
            process.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aDaemonThatLeftTheTreeIsStoppedWithItsGroup() throws InterruptedException {
        // the subshell exits at once: its sleep is reparented, no longer a descendant, but still in the group
        LocalProcess process = LocalProcess.start("forker", List.of("sh", "-c", "(sleep 300 &); sleep 300; true"), Map.of(),
                dir, Clock.systemUTC(), line -> { });
        Optional<List<ProcessHandle>> group = Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()).poll(Duration.ofMillis(20),
                () -> {
                    List<ProcessHandle> members = ProcessGroups.members(process.pid());
                    return members.size() >= 3 ? Optional.of(members) : Optional.empty();
                });
        assertThat(group).as("sh, its sleep and the reparented sleep in one group").isPresent();
        assertThat(LocalProcess.stopAll(List.of(process), Duration.ofSeconds(5))).isEmpty();
        assertThat(group.get()).noneMatch(ProcessGroups::running);
    }

    @Test
    void childrenThatIgnoreSigtermAreKilledAfterTheGraceAllAtOnce() throws InterruptedException {
        List<LocalProcess> stubborn = new ArrayList<>();
        List<ProcessHandle> children = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            LocalProcess process = LocalProcess.start("stubborn-" + i, List.of("sh", "-c",
                    "sh -c 'trap \"\" TERM; while true; do sleep 0.1; done'; true"), Map.of(), dir, Clock.systemUTC(), line -> { });
            stubborn.add(process);
            children.add(awaitChild(process));
        }
        long start = System.nanoTime();
        assertThat(LocalProcess.stopAll(stubborn, Duration.ofSeconds(1))).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(children).noneMatch(ProcessGroups::running);
        assertThat(stubborn).noneMatch(LocalProcess::isAlive);
        // one shared grace of 1 s, not one per process (3 s), nor two at a time
        assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
    }

    @Test
    void aLineLongerThan4KiBReachesTheSinkCutAndTheFileWhole() throws Exception {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        LocalProcess process = LocalProcess.start("long", List.of("awk",
                "BEGIN { s = \"\"; for (i = 0; i < 100000; i++) s = s \"x\"; print s; print \"next\" }"),
                Map.of(), dir, Clock.systemUTC(), lines::add);
        assertThat(process.awaitExit(Duration.ofSeconds(30))).hasValue(0);
        assertThat(lines).extracting(LogLine::text).containsExactly(
                "x".repeat(LocalProcess.MAX_LINE_BYTES) + " [scalecheck: line cut, " + (100000 - LocalProcess.MAX_LINE_BYTES)
                        + " more bytes in the log file]", "next");
        assertThat(Files.readAllLines(dir.resolve("long.stdout.log")).get(0)).hasSize(100000);
    }

    @Test
    void startedAgainUnderTheSameNameItAppendsToTheSameFilesAndFollowsOnlyItsOwnLines() throws Exception {
        List<LogLine> first = new CopyOnWriteArrayList<>();
        assertThat(LocalProcess.start("again", List.of("sh", "-c", "echo one; echo uno >&2"), Map.of(), dir, Clock.systemUTC(), first::add)
                .awaitExit(Duration.ofSeconds(30))).hasValue(0);
        List<LogLine> second = new CopyOnWriteArrayList<>();
        assertThat(LocalProcess.start("again", List.of("sh", "-c", "echo two; echo dos >&2"), Map.of(), dir, Clock.systemUTC(), second::add)
                .awaitExit(Duration.ofSeconds(30))).hasValue(0);
        assertThat(second).extracting(LogLine::text).containsExactlyInAnyOrder("two", "dos");
        assertThat(Files.readAllLines(dir.resolve("again.stdout.log"))).containsExactly("one", "two");
        assertThat(Files.readAllLines(dir.resolve("again.stderr.log"))).containsExactly("uno", "dos");
    }

    @Test
    void killAllSendsNoSigtermFirst() throws InterruptedException {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        LocalProcess process = LocalProcess.start("crashing", List.of("sh", "-c",
                "trap 'echo got TERM' TERM; echo started; while true; do sleep 0.1; done"), Map.of(), dir, Clock.systemUTC(), lines::add);
        Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()).poll(Duration.ofMillis(10), () ->
                lines.isEmpty() ? Optional.empty() : Optional.of(true));
        long start = System.nanoTime();
        assertThat(LocalProcess.killAll(List.of(process))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(process.exitCode()).hasValue(137);
        assertThat(lines).extracting(LogLine::text).containsExactly("started");
    }

    private static ProcessHandle awaitChild(LocalProcess process) throws InterruptedException {
        return Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()).poll(Duration.ofMillis(20), () ->
                ProcessHandle.of(process.pid()).flatMap(p -> p.children().findFirst()))
                .orElseThrow(() -> new AssertionError(process.name() + " started no child"));
    }
}
