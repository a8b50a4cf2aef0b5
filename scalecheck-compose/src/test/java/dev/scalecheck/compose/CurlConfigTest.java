package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Headers and bodies reach curl on stdin, in its config syntax, so no secret is ever on a command line. */
class CurlConfigTest {

    @Test
    void quotesAValueAsCurlsConfigFileWantsIt() {
        assertThat(InContainerCurl.quoted("Authorization: Bearer a\"b\\c"))
                .isEqualTo("\"Authorization: Bearer a\\\"b\\\\c\"");
        assertThat(InContainerCurl.quoted("{\"probe\":\"line1\nline2\"}")).isEqualTo("\"{\\\"probe\\\":\\\"line1\\nline2\\\"}\"");
    }
}
