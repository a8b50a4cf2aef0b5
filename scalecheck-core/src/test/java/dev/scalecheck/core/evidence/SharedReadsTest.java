package dev.scalecheck.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.orchestrator.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedReadsTest {

    @Test
    void readsEveryFileInOneShellCallAndNamesTheOneThatIsMissing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "scalecheck 1 written by api-1");
        Files.writeString(dir.resolve("b.txt"), "two\nlines");
        Files.writeString(dir.resolve("c.txt"), "");
        Command.Result result = Command.run(SharedReads.command(dir.toString(), List.of("a.txt", "missing.txt", "b.txt", "c.txt")),
                dir, Map.of(), Duration.ofSeconds(10), null);

        Map<String, SharedReads.Content> contents = SharedReads.parse(result.stdout());

        assertThat(contents).containsOnlyKeys("a.txt", "missing.txt", "b.txt", "c.txt");
        assertThat(contents.get("a.txt")).isEqualTo(new SharedReads.Content(true, "scalecheck 1 written by api-1"));
        assertThat(contents.get("b.txt")).isEqualTo(new SharedReads.Content(true, "two\nlines"));
        assertThat(contents.get("c.txt")).isEqualTo(new SharedReads.Content(true, ""));
        assertThat(contents.get("missing.txt").ok()).isFalse();
        assertThat(contents.get("missing.txt").text()).contains("missing.txt");
    }

    @Test
    void aFileNameWithSpacesOrQuotesIsAnArgumentNotScript(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("it's $(x).txt"), "token");
        Command.Result result = Command.run(SharedReads.command(dir.toString(), List.of("it's $(x).txt")), dir, Map.of(),
                Duration.ofSeconds(10), null);

        assertThat(SharedReads.parse(result.stdout())).containsEntry("it's $(x).txt", new SharedReads.Content(true, "token"));
    }

    @Test
    void aReaderCutShortLeavesTheRestAbsent() {
        assertThat(SharedReads.parse("@@scalecheck ok a.txt\nx\n")).containsOnlyKeys("a.txt");
        assertThat(SharedReads.parse("")).isEmpty();
    }
}
