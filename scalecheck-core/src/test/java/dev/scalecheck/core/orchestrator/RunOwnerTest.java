package dev.scalecheck.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOwnerTest {
    @TempDir
    Path dir;

    @Test
    void thisJvmIsAliveAndTheSamePidWithAnotherStartTimeIsNot() {
        assertThat(RunOwner.current().alive()).isTrue();
        assertThat(new RunOwner(ProcessHandle.current().pid(), Instant.parse("2020-01-01T00:00:00Z")).alive()).isFalse();
    }

    @Test
    void anOwnerFileReadsBackAsWrittenAndLeavesNoTemporaryFileBeside() throws Exception {
        Path file = dir.resolve("owner");
        RunOwner owner = new RunOwner(4242, Instant.parse("2026-11-29T08:00:00.123456Z"));
        owner.write(file);
        assertThat(Files.readString(file)).isEqualTo("pid=4242\nstarted=2026-11-29T08:00:00.123456Z\n");
        assertThat(RunOwner.read(file)).contains(owner);
        assertThat(RunOwner.read(dir.resolve("none"))).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeIfAbsentLeavesAnExistingOwnerFileAsItIs() throws Exception {
        Path file = dir.resolve("owner");
        RunOwner first = new RunOwner(1, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(first.writeIfAbsent(file)).isTrue();
        assertThat(RunOwner.current().writeIfAbsent(file)).isFalse();
        assertThat(RunOwner.read(file)).contains(first);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
