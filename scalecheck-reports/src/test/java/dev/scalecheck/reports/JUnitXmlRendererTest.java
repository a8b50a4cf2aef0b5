package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.SurefireReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our JUnit XML read back by Maven's own consumer of that format (surefire-report-parser). */
class JUnitXmlRendererTest {
    @TempDir
    Path dir;

    @Test
    void surefireReadsTheRightCountsAndMessages() throws Exception {
        try (Writer out = Files.newBufferedWriter(dir.resolve("TEST-scalecheck.xml"))) {
            new JUnitXmlRenderer().render(Reports.serialLock(), out);
        }
        List<ReportTestSuite> suites = new SurefireReportParser(List.of(dir.toFile()), new NullConsoleLogger()).parseXMLReportFiles();
        assertThat(suites).singleElement().satisfies(suite -> {
            assertThat(suite.getNumberOfTests()).isEqualTo(4);
            assertThat(suite.getNumberOfFailures()).isEqualTo(1);
            assertThat(suite.getNumberOfErrors()).isEqualTo(1);
            assertThat(suite.getNumberOfSkipped()).isEqualTo(1);
            assertThat(suite.getFullClassName()).isEqualTo("scalecheck.local");
            assertThat(suite.getTestCases()).extracting(ReportTestCase::getName)
                    .containsExactly("replicas-healthy", "parallel-startup", "connection-headroom", "cross-replica-state");
            ReportTestCase failed = suite.getTestCases().get(1);
            assertThat(failed.getFullClassName()).isEqualTo("scalecheck.local");
            assertThat(failed.getFailureMessage()).startsWith("start-up spread 12.0 s across 4 replicas");
            assertThat(failed.getFailureType()).isEqualTo("FAIL");
            assertThat(suite.getTestCases().get(2).getFailureMessage()).isEqualTo("max_connections unknown: <probe> & \"quotes\"");
        });
    }
}
