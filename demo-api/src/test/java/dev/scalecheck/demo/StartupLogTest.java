package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StartupLogTest {
    @Test
    void stampsEveryLineInUtcWithMicrosecondsAndTheReplica() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-02-01T14:00:01Z"), ZoneOffset.UTC);
        StartupLog log = new StartupLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, "api-3");
        log.info("Database pool created (max=5)");
        log.fatal("boom");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2026-02-01T14:00:01.000000Z [api-3] Database pool created (max=5)\n"
                        + "2026-02-01T14:00:01.000000Z [api-3] FATAL: boom\n");
    }
}
