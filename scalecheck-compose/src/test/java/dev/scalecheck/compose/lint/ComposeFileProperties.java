package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A compose file is read, or refused with one line naming it; never another exception, never a hang. */
class ComposeFileProperties {
    private static final Path FILE = Path.of("docker-compose.yml");

    @Property(tries = 300)
    void anEditedComposeFileIsReadOrRefusedOnOneLine(@ForAll("editedComposeFiles") String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                ComposeFile file = ComposeFile.parse(FILE, text);
                assertThat(file.services()).isNotNull();
            } catch (IllegalArgumentException e) {
                assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
                assertThat(e.getMessage()).as(text).startsWith(FILE.toString()).doesNotContain("\n", "\r");
            }
        });
    }

    @Provide
    Arbitrary<String> editedComposeFiles() throws IOException {
        String example = Files.readString(Path.of("../examples/compose/docker-compose.yml"));
        Arbitrary<String> insert = Arbitraries.of("", "[", "]", "{", "}", ":", "- ", "\n", "\t", "\"", "&a ", "*a", "<<: *a\n",
                "!!binary ", "? ", "|", "---\n", "\u0000", "${", "$${X}");
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 30), insert)
                .as((at, cut, text) -> {
                    int start = (int) Math.round(at * example.length());
                    return example.substring(0, start) + text + example.substring(Math.min(example.length(), start + cut));
                });
    }
}
