package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalecheck ramp} and {@code --repeat} end to end on the demo: real MariaDB, real processes, each run on a fresh deployment. */
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
class SeriesIT {
    @Test
    void rampOnTheDemoRunsEachCountOnAFreshDeploymentAndWritesTheSeries(@TempDir Path dir) throws Exception {
        Cli.Outcome outcome = Cli.scalecheck("ramp", "--demo", "--replicas", "1,2", "--json", dir.resolve("ramp.json").toString(),
                "--junit", dir.resolve("ramp.xml").toString(), "--html", dir.resolve("ramp.html").toString());

        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("== 1 replicas ==", "== 2 replicas ==")
                .containsPattern("(?m)^1 +PASS +[0-9.]+ s +[0-9.]+ s +16 / 151 +-$")
                .containsPattern("(?m)^2 +PASS +[0-9.]+ s +[0-9.]+ s +22 / 151 +-$")
                .contains("No breaking point up to 2 replicas")
                .contains("PASS: 2 of 2 runs passed");
        // two runs, two fresh directories: each "Resetting" names a new one
        assertThat(outcome.output().split("new directory /tmp/scalecheck-run-", -1)).hasSize(3);
        JsonNode series = new ObjectMapper().readTree(dir.resolve("ramp.json").toFile()).path("series");
        assertThat(series.path("points")).hasSize(2);
        assertThat(series.path("breakingPoint").isNull()).isTrue();
        assertThat(series.path("runs").get(1).path("run").path("replicas").asInt()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("ramp.xml"))).contains("name=\"scalecheck.local.n1\"", "name=\"scalecheck.local.n2\"");
        assertThat(Files.readString(dir.resolve("ramp.html"))).contains("<svg class=\"curve\"");
    }

    @Test
    void rampStopsAtTheFirstFailingCountAndNamesItsCheck() {
        Cli.Outcome outcome = Cli.scalecheck("ramp", "--demo", "--replicas", "1,2", "--fault", "readonly-data");

        assertThat(outcome.code()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output())
                .contains("== 1 replicas ==")
                .doesNotContain("== 2 replicas ==")
                .containsPattern("(?m)^1 +FAIL .*shared-writes: api-1 could not write scalecheck-")
                .contains("Breaking point: 1 replicas, shared-writes: ")
                .contains("(2 not run); --keep-going runs them all.")
                .contains("FAIL: 0 of 1 runs passed");
    }

    @Test
    void repeatRunsOnFreshDeploymentsAndPrintsEachChecksPassRate() {
        Cli.Outcome outcome = Cli.scalecheck("demo", "--replicas", "2", "--repeat", "2");

        assertThat(outcome.code()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("== 2 replicas, run 1 of 2 ==", "== 2 replicas, run 2 of 2 ==")
                .contains("Pass rates at 2 replicas over 2 runs:")
                .containsPattern("(?m)^  single-migration +2/2$")
                .containsPattern("(?m)^  connection-headroom +2/2$")
                .contains("PASS: 2 of 2 runs passed");
    }
}
