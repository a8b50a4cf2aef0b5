package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackAFile() throws Exception {
        DataDirectory data = new DataDirectory(dir, true);
        data.write("token-1.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(data.read("token-1.txt")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(data.read("absent")).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("token-1.txt");
        }
    }

    @Test
    void refusesNamesThatCouldEscapeTheDirectory() {
        DataDirectory data = new DataDirectory(dir, true);
        for (String name : new String[] {"..", ".", "../x", "a/b", "", "x".repeat(101), "a b"}) {
            assertThat(DataDirectory.validName(name)).as(name).isFalse();
            assertThatThrownBy(() -> data.write(name, new byte[0])).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(DataDirectory.validName("...")).isTrue();
    }

    @Test
    void readonlyDataFaultRefusesWritesButStillReads() throws Exception {
        Files.writeString(dir.resolve("shared"), "from another replica");
        DataDirectory data = new DataDirectory(dir, false);
        assertThatThrownBy(() -> data.write("mine", new byte[] {1}))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("not writable by this replica (fault readonly-data)");
        assertThat(data.read("shared")).isPresent();
        assertThat(dir.resolve("mine")).doesNotExist();
    }
}
