package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
    private static String html() throws Exception {
        StringWriter out = new StringWriter();
        new HtmlRenderer().render(Reports.serialLock(), out);
        return out.toString();
    }

    @Test
    void isSelfContainedAndEscapesWhatItShows() throws Exception {
        String html = html();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://", "<link", "src=\"");
        assertThat(html).contains("max_connections unknown: &lt;probe&gt; &amp; &quot;quotes&quot;");
        assertThat(html).contains("<h1 class=\"fail\">SCALING TEST FAILED, 2 of 4 checks failed, 1 of 4 checks skipped: cross-replica-state</h1>");
    }

    @Test
    void drawsOneLanePerReplicaWithTheLockWaitAndTheSpread() throws Exception {
        String html = html();
        assertThat(html.split("<g class=\"lane\"", -1)).hasSize(5);
        assertThat(html).contains("data-replica=\"api-4\"");
        assertThat(html.split("waiting for the lock: ", -1)).hasSize(4);
        assertThat(html).contains("start-up spread 12.0 s");
        assertThat(html).contains("id=\"check-parallel-startup\"");
        assertThat(html.split("class=\"bar\"", -1)).hasSize(5);
    }
}
