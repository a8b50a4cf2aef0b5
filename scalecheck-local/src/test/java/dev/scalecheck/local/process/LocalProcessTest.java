package dev.scalecheck.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
