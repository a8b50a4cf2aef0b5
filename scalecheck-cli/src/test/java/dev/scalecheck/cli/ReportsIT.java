package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.SurefireReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --junit --json --html} writes three files; {@code report} renders the JSON again. */
class ReportsIT {
    @TempDir
    Path dir;

    @Test
    void demoWritesJunitJsonAndHtmlAndReportRendersThemAgain() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path xml = reports.resolve("TEST-scalecheck.xml");
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Cli.Outcome demo = Cli.scalecheck("demo", "--replicas", "3", "--fault", "serial-lock", "--junit", xml.toString(),
                "--json", json.toString(), "--html", html.toString());
        assertThat(demo.code()).as(demo.output()).isEqualTo(1);
        assertThat(demo.output()).contains("[6/7] Writing reports... done; each replica's whole output in "
                + dir.resolve("scalecheck-logs"));
        for (String replica : List.of("api-1", "api-2", "api-3")) {
            assertThat(dir.resolve("scalecheck-logs").resolve(replica + ".log")).content()
                    .startsWith("== stdout ==").contains("Starting demo-api");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(html))).isEqualTo("rw-r--r--");

        List<ReportTestSuite> suites = new SurefireReportParser(List.of(reports.toFile()), new NullConsoleLogger()).parseXMLReportFiles();
        assertThat(suites).singleElement().satisfies(suite -> {
            assertThat(suite.getNumberOfTests()).isEqualTo(10);
            assertThat(suite.getNumberOfFailures()).isGreaterThanOrEqualTo(1);
            assertThat(suite.getTestCases()).filteredOn(c -> c.getName().equals("parallel-startup")).singleElement()
                    .satisfies(c -> assertThat(c.getFailureMessage()).contains("replicas started one after another"));
        });

        String page = Files.readString(html);
        assertThat(page.split("<g class=\"lane\"", -1)).hasSize(4);
        assertThat(page).contains("waiting for the lock: ", "start-up spread ");

        Path again = dir.resolve("again.html");
        Cli.Outcome report = Cli.scalecheck("report", json.toString(), "--html", again.toString());
        assertThat(report.code()).as(report.output()).isZero();
        assertThat(report.output()).containsPattern("(?m)^FAIL +parallel-startup ");
        assertThat(Files.readString(again)).isEqualTo(page);
    }

    @Test
    void aReportPathInAMissingDirectoryIsBadInputBeforeAnythingStarts() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--json", dir.resolve("no/such/dir/r.json").toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.output()).contains("does not exist; create it or choose another path").doesNotContain("[1/7]");
        Cli.Outcome missing = Cli.scalecheck("report", dir.resolve("none.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.output()).contains("does not exist; write one with --json");
    }

    @Test
    void quietShowsOnlyFailuresAndTheVerdict() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--replicas", "2", "--quiet");
        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output()).doesNotContain("[1/7]", "PASS ").contains("SCALING TEST PASSED, 10 checks (2 replicas");
    }
}
