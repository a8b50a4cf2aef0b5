package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader of {@code docker compose logs} gives the same lines as the whole-output parser it replaced. */
class ComposeLogStreamTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = ComposeLogStreamTest.class.getResourceAsStream("/compose/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<LogLine> streamed(String output) throws IOException {
        List<LogLine> lines = new ArrayList<>();
        ComposeLogStream.parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), lines::add);
        lines.sort(Comparator.comparing(LogLine::at));
        return lines;
    }

    @Test
    void realComposeOutputGivesTheSameLinesAsTheWholeOutputParser() throws IOException {
        String output = fixture("logs-compose-2.26.1.txt");

        assertThat(streamed(output)).isNotEmpty().isEqualTo(ComposeOutput.logs(output));
    }

    @Test
    void oddLinesAreReadAsThePatternReadThem() throws IOException {
        String output = String.join("\n",
                "\u001b[2Kapi-12  | 2026-11-27T18:54:23.894126023Z Database pool created (max=5)",
                "api-1  | 2026-11-27T18:54:23Z",
                "api-2  | 2026-11-27T18:54:23.5Z two  spaces | and a bar",
                "api-3  | 2028-02-29T23:59:59.123456789Z a leap day, read by Instant.parse",
                "api-4  | not-a-timeZ text",
                "Attaching to api-1, api-2",
                "api-5 | 2026-11-27T18:54:24.000000001+01:00 offset, not docker's",
                "");

        assertThat(streamed(output)).isEqualTo(ComposeOutput.logs(output));
        assertThat(streamed(output)).extracting(LogLine::replica).containsExactly("api-1", "api-2", "api-12", "api-3");
        assertThat(ComposeLogStream.line("api-2  | 2026-11-27T18:54:23.5Z two  spaces | and a bar"))
                .isEqualTo(new LogLine(Instant.parse("2026-11-27T18:54:23.5Z"), "api-2", LogLine.Stream.STDOUT, "two  spaces | and a bar"));
    }
}
