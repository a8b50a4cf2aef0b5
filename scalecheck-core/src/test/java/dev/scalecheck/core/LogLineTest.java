package dev.scalecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void stripsTheColourCodesSpringBootWritesEvenIntoFiles() {
        LogLine coloured = new LogLine(Instant.EPOCH, "notes-1", LogLine.Stream.STDOUT, "2026-11-29T02:46:23.148Z "
                + "\u001b[34mINFO \u001b[0;39m \u001b[35m5308\u001b[0;39m --- [main] \u001b[36mliquibase.lockservice\u001b[0;39m : "
                + "Successfully acquired change log lock");
        assertThat(coloured.plain().text()).isEqualTo("2026-11-29T02:46:23.148Z INFO  5308 --- [main] liquibase.lockservice : "
                + "Successfully acquired change log lock");
    }

    @Test
    void aPlainLineIsLeftAlone() {
        LogLine plain = new LogLine(Instant.EPOCH, "api-1", LogLine.Stream.STDOUT, "Ready on port 7777");
        assertThat(plain.plain()).isSameAs(plain);
    }

    @Test
    void countsReadAsPeopleWriteThem() {
        assertThat(Words.count(1, "replica")).isEqualTo("1 replica");
        assertThat(Words.count(4, "replica")).isEqualTo("4 replicas");
        assertThat(Words.count(1, "migration")).isEqualTo("1 migration");
        assertThat(Words.count(0, "check")).isEqualTo("0 checks");
    }
}
