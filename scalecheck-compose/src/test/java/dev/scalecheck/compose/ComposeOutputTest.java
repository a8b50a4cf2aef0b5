package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers over real output of Compose 2.26.1 (fixtures: src/test/resources/compose/README.md). */
class ComposeOutputTest {
    private static String fixture(String name) throws IOException {
        try (InputStream in = ComposeOutputTest.class.getResourceAsStream("/compose/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsPsAsOneObjectPerLineAndAsTheOlderArray() throws IOException {
        List<Container> lines = ComposeOutput.containers(fixture("ps-compose-2.26.1.ndjson"));
        List<Container> array = ComposeOutput.containers(fixture("ps-compose-before-2.21.json"));
        assertThat(lines).isEqualTo(array).hasSize(5);
        assertThat(lines).filteredOn(c -> c.service().equals("api")).extracting(Container::number)
                .containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(lines).filteredOn(c -> c.service().equals("api")).allMatch(c -> c.running() && c.health().equals("healthy"));
        assertThat(ComposeOutput.containers("")).isEmpty();
    }

    @Test
    void readsTheLastHealthcheckOfAnUnhealthyContainer() throws IOException {
        assertThat(ComposeOutput.lastHealthcheck(fixture("inspect-health-unhealthy.json")))
                .contains("exit 7, curl: (7) Failed to connect to 127.0.0.1 port 7777 after 0 ms: Couldn't connect to server");
        assertThat(ComposeOutput.lastHealthcheck("{\"Status\":\"starting\",\"FailingStreak\":0,\"Log\":[]}")).isEmpty();
        assertThat(ComposeOutput.lastHealthcheck("null")).isEmpty();
        assertThat(ComposeOutput.lastHealthcheck("")).isEmpty();
    }

    @Test
    void takesTheReplicaNumberFromTheLabelNeverFromThePosition() {
        String ps = """
                {"ID":"aaa","Name":"p-api-7","Service":"api","State":"running","Health":"","ExitCode":0,"Labels":"x=y,com.docker.compose.container-number=7"}
                {"ID":"bbb","Name":"p-api-2","Service":"api","State":"exited","Health":"","ExitCode":1,"Labels":""}
                """;
        assertThat(ComposeOutput.containers(ps)).extracting(Container::number).containsExactly(7, 2);
        assertThat(ComposeOutput.containers(ps).get(1).exitCode()).isEqualTo(1);
    }

    @Test
    void readsTimestampedLogsStrippingTheEraseSequenceAndSortsThemByTime() throws IOException {
        List<LogLine> logs = ComposeOutput.logs(fixture("logs-compose-2.26.1.txt"));
        assertThat(logs).hasSizeGreaterThan(40);
        assertThat(logs).extracting(LogLine::replica).containsOnly("api-1", "api-2", "api-3", "api-4");
        assertThat(logs).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        assertThat(logs).anyMatch(l -> l.text().contains("Ready on port 7777"));
        LogLine line = ComposeOutput.logs("\u001b[2Kapi-12  | 2026-11-27T18:54:23.894126023Z Database pool created (max=5)\n").get(0);
        assertThat(line).isEqualTo(new LogLine(Instant.parse("2026-11-27T18:54:23.894126023Z"), "api-12", LogLine.Stream.STDOUT,
                "Database pool created (max=5)"));
    }

    @Test
    void readsCurlStatusHeadersAndBody() throws IOException {
        HttpAnswer answer = ComposeOutput.curl(fixture("curl-ready.txt"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Replica-Id")).isPresent();
        assertThat(answer.body()).startsWith("{\"status\":\"ready\"");
        assertThat(ComposeOutput.curl("").status()).isEqualTo(-1);
    }

    @Test
    void readsMariadbBatchOutputWithNulls() throws IOException {
        List<Map<String, String>> rows = ComposeOutput.rows(fixture("mariadb-batch.txt"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsEntry("k", "1").containsEntry("s", "1").containsEntry("n", null);
    }

    @Test
    void readsPsqlRecordsTellingNullFromEmptyAndKeepingLineBreaksInValues() throws IOException {
        List<Map<String, String>> rows = ComposeOutput.psqlRows(fixture("psql-values.out"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).keySet()).containsExactly("k", "s", "n");
        assertThat(rows.get(0)).containsEntry("k", "1").containsEntry("s", "a").containsEntry("n", null);
        assertThat(rows.get(1)).containsEntry("s", "").containsEntry("n", null);
        assertThat(rows.get(2)).containsEntry("s", "two\nlines").containsEntry("n", "NULL?");
    }

    @Test
    void readsPgStatActivityWithItsNullClientsOfBackgroundAndSocketSessions() throws IOException {
        List<Map<String, String>> rows = ComposeOutput.psqlRows(fixture("psql-sessions.out"));
        assertThat(rows).hasSize(7);
        assertThat(rows).filteredOn(row -> row.get("h") != null).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("u", "app").containsEntry("h", "172.18.0.3:39036")
                        .containsEntry("self", "f"));
        assertThat(rows).filteredOn(row -> "t".equals(row.get("self"))).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("h", null).containsEntry("t", "client backend"));
        assertThat(rows.get(0)).containsEntry("u", null).containsEntry("t", "checkpointer");
    }

    @Test
    void readsPsqlAdvisoryLocksAndAHeaderWithoutRows() throws IOException {
        assertThat(ComposeOutput.psqlRows(fixture("psql-advisory-locks.out")))
                .containsExactly(Map.of("name", "4242", "holder", "175", "client", "172.18.0.3:39036"));
        assertThat(ComposeOutput.psqlRows(fixture("psql-no-rows.out"))).isEmpty();
        assertThat(ComposeOutput.psqlRows("")).isEmpty();
    }

    @Test
    void refusesAPsqlRowWhoseValueHoldsATab() {
        assertThatThrownBy(() -> ComposeOutput.psqlRows("a\tb\u0000x\ty\tz\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("psql printed a row of 3 fields under a header of 2 (a, b); a value holds a tab");
    }

    @Test
    void readsAServicesImageFromComposeConfigAfterSubstitution() throws IOException {
        String config = fixture("config-compose-2.26.1.json");
        assertThat(ComposeOutput.image(config, "db")).contains("local/postgres");
        assertThat(ComposeOutput.image(config, "api")).contains("scalecheck-example-pg/api:dev");
        assertThat(ComposeOutput.image(config, "nope")).isEmpty();
    }
}
