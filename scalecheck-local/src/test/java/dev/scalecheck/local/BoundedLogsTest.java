package dev.scalecheck.local;

import dev.scalecheck.core.BoundedLogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.spec.Spec;
import dev.scalecheck.local.process.LocalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedLogsTest {
    @TempDir
    Path dir;

    @Test
    void aReplicaPrinting200kLinesKeepsItsMarkersAndLastLinesInMemoryAndEveryLineOnDisk() throws Exception {
        // no markers and no tool in the spec: any tool's markers may turn out to be in force
        BoundedLogs logs = new BoundedLogs(BuiltInChecks.judgedLines(Spec.empty().withLocal(new Spec.Local(List.of("app"), null, null))),
                500, BoundedLogs.JUDGED, id -> id + ".stdout.log");
        LocalProcess process = LocalProcess.start("api-1", List.of("awk", "BEGIN { for (i = 1; i <= 200000; i++) { "
                + "print \"noise \" i; if (i == 1000) print \"\\033[32mSuccessfully applied 3 migrations\\033[0m\"; "
                + "if (i == 150000) print \"Caused by: java.net.ConnectException: refused\" > \"/dev/stderr\" } print \"last\" }"),
                Map.of(), dir, Clock.systemUTC(), logs::add);
        assertThat(process.awaitExit(Duration.ofSeconds(60))).hasValue(0);
        // the log files are read on their own threads: the last lines may arrive after the exit
        Deadline.after(Duration.ofSeconds(60), Clock.systemUTC()).poll(Duration.ofMillis(50),
                () -> logs.dropped("api-1") == 200001 - 500 ? Optional.of(true) : Optional.empty());

        assertThat(logs.held()).isEqualTo(500 + 2);
        assertThat(logs.dropped("api-1")).isEqualTo(200001 - 500);
        List<LogLine> kept = logs.lines();
        assertThat(kept).hasSize(500 + 2 + 1);
        assertThat(kept).extracting(LogLine::text)
                .anyMatch(text -> text.contains("Successfully applied 3 migrations"))
                .anyMatch(text -> text.contains("Caused by: java.net.ConnectException"))
                .endsWith("last");
        assertThat(kept).extracting(LogLine::at).isSorted();
        String note = "[scalecheck: " + (200001 - 500) + " earlier lines of api-1 not kept in memory";
        List<String> stdout = kept.stream().filter(line -> line.stream() == LogLine.Stream.STDOUT).map(LogLine::text).toList();
        int noteAt = stdout.indexOf(stdout.stream().filter(text -> text.startsWith(note)).findFirst().orElseThrow());
        assertThat(stdout.get(noteAt - 1)).isEqualTo("\033[32mSuccessfully applied 3 migrations\033[0m");
        assertThat(stdout.get(noteAt + 1)).as("the note stands where the lines were left out").isEqualTo("noise 199502");
        assertThat(stdout.get(noteAt)).endsWith("every line is in api-1.stdout.log]");

        try (Stream<String> lines = Files.lines(dir.resolve("api-1.stdout.log"))) {
            assertThat(lines.count()).isEqualTo(200002);
        }
    }

    @Test
    void markerLinesBeyondTheirLimitAreKeptOnlyAsRecentLines() {
        BoundedLogs logs = new BoundedLogs(text -> text.startsWith("marker"), 3, 2, id -> id + ".log");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 1; i <= 5; i++) {
            logs.add(new LogLine(at.plusMillis(i), "api-2", LogLine.Stream.STDOUT, "marker " + i));
        }
        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("marker 1", "marker 2", "marker 3", "marker 4", "marker 5");
        logs.add(new LogLine(at.plusMillis(6), "api-2", LogLine.Stream.STDOUT, "other"));
        assertThat(logs.held()).isEqualTo(5);
        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("marker 1", "marker 2",
                "[scalecheck: 1 earlier line of api-2 not kept in memory (kept: the lines the checks read and the last 3); "
                        + "every line is in api-2.log]", "marker 4", "marker 5", "other");
    }
}
