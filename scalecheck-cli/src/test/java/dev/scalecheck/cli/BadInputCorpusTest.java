package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The contract for bad input (issue 12): each input below is refused before anything starts, with
 * its exit code and one line on stderr that says what was expected; nothing goes to stdout, the
 * launcher is never reached, and no process or directory of a run appears. The CLI runs in this
 * JVM with a launcher that records a start instead of making one, so the corpus never starts a
 * database even when a case regresses. Inputs are files under {@code src/test/resources/bad-input}
 * ({@code {res}} below), or written by the test into {@code {tmp}} (the big and the binary ones).
 */
class BadInputCorpusTest {
    private static final int BAD_INPUT = 2;

    @TempDir
    static Path tmp;

    static Path res;

    record Case(String name, int exit, String message, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, String message, String... args) {
        return new Case(name, BAD_INPUT, message, List.of(args));
    }

    /** A spec under {@code bad-input/} that {@code run} must refuse. */
    private static Case spec(String file, String message) {
        return bad("run " + file, message, "run", "-f", "{res}/" + file);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // ranges: durations > 0, fractions in (0, 1], counts >= 1, whole numbers whole
                spec("health-timeout-zero.yml", "health-timeout-zero.yml:3:12: health.timeout is 0s; expected a duration above 0, e.g. 120s"),
                spec("health-timeout-too-long.yml", "health.timeout is 60000m; expected at most 24h"),
                spec("health-start-period-zero.yml", "health.startPeriod is 0s; expected a duration above 0"),
                spec("max-fraction-seven.yml", ":3:18: checks.startup-budget.maxFraction is 7.0; expected a fraction above 0 and at most 1"),
                spec("max-fraction-zero.yml", "checks.startup-budget.maxFraction is 0.0; expected a fraction above 0 and at most 1"),
                spec("max-fraction-negative.yml", "checks.startup-budget.maxFraction is -0.5; expected a fraction above 0 and at most 1"),
                spec("scenario-unknown.yml", "scenario-unknown.yml:1:12: scenarios has 'chaos-monkey', which is not a scenario; "
                        + "expected some of: kill-lock-holder, rolling-restart, replica-crash, db-restart, node-loss"),
                spec("workload-rate-zero.yml", ":2:9: workload.rate is 0; expected a whole number from 1 to 1000"),
                spec("workload-baseline-zero.yml", "workload.baseline is 0s; expected a duration above 0"),
                spec("max-spread-zero.yml", "checks.parallel-startup.maxSpread is 0s; expected a duration above 0"),
                spec("lb-requests-zero.yml", "checks.lb-reaches-all.requests is 0; expected a whole number from 1 to 100000"),
                spec("reads-zero.yml", "checks.cross-replica-state.reads is 0; expected a whole number from 1"),
                spec("margin-negative.yml", "checks.connection-headroom.margin is -1; expected a whole number from 0"),
                spec("pool-size-zero.yml", "checks.connection-headroom.poolSize is 0; expected a whole number from 1"),
                spec("replicas-fraction.yml", "replicas-fraction.yml:1:11: 'replicas' is 2.5; expected a whole number such as 4"),
                spec("health-port-fraction.yml", "'health.port' is 80.5; expected a whole number"),
                spec("replicas-zero.yml", ":1:11: replicas is 0; expected a whole number from 1 to 64"),
                spec("replicas-too-many.yml", "replicas is 65; expected a whole number from 1 to 64"),
                spec("replicas-word.yml", ":1:11: 'replicas' "),
                spec("replicas-huge.yml", "replicas-huge.yml:1:22: 'replicas' is out of range; expected a whole number from"),
                spec("duration-word.yml", "'health.timeout' "),
                // syntax: line and column, duplicate keys, one document, bounded aliases
                spec("unclosed-sequence.yml", "unclosed-sequence.yml:2:1: not valid YAML: expected ',' or ']', but got <stream end>"),
                spec("unclosed-quote.yml", "not valid YAML: found unexpected end of stream"),
                spec("tab-indentation.yml", "tab-indentation.yml:2:1: not valid YAML: found character '\\t(TAB)' that cannot start any token"),
                spec("two-documents.yml", "two-documents.yml:2:1: not valid YAML: but found another document (expected a single document in the stream at 1:1)"),
                spec("alias-bomb.yml", "not valid YAML: Number of aliases for non-scalar nodes exceeds the specified max=20"),
                spec("duplicate-key.yml", "duplicate-key.yml:4:3: duplicate key 'timeout' in health (first at line 3); keep one of them"),
                spec("duplicate-top-key.yml", ":3:1: duplicate key 'replicas' (first at line 1)"),
                spec("unknown-key.yml", "unknown-key.yml:2:1: unknown key 'helth'; expected one of:"),
                // names that become paths, SQL identifiers or URLs
                spec("service-traversal.yml", ":1:10: service '../../x' is not a safe name"),
                spec("service-slash.yml", "service 'a/b' is not a safe name"),
                spec("service-empty.yml", "service '' is not a safe name"),
                spec("database-name-injection.yml", ":2:9: database.name 'app; DROP' is not a plain SQL identifier"),
                spec("database-name-digit.yml", "database.name '1app' is not a plain SQL identifier"),
                spec("database-kind-unknown.yml", "database.kind: "),
                spec("migration-table-space.yml", "database.migrationTable 'my table' is not a table name"),
                spec("health-path-space.yml", ":2:9: health.path '/api/he alth' has a space at position 8, which a URL cannot hold"),
                spec("health-path-relative.yml", "health.path 'health' must start with '/'"),
                spec("health-path-control.yml", "health.path '/health\\u0009z' has a control character (U+0009) at position 8"),
                spec("health-path-bad-escape.yml", "health.path '/health%zz' is not a URL path: Malformed escape pair"),
                spec("lb-path-space.yml", "checks.lb-reaches-all.path '/a b' has a space at position 3"),
                spec("markers-bad-regex.yml", "marker 'ready' is not a valid regular expression"),
                spec("writes-path-without-name.yml", "probes.writes.path '/files' has no {name}"),
                spec("own-service-without-health-path.yml", "health.path is missing"),
                spec("password-on-command-line.yml", "local.command[2] uses ${DB_PASSWORD}; a password must never be on a command line"),
                // what the spec names outside itself
                spec("unknown-orchestrator.yml", "unknown orchestrator 'nomad'; expected one of: compose, local, swarm"),
                spec("local-directory-missing.yml", "local.directory "),
                spec("compose-files-missing.yml", "compose-files-missing.yml: compose.files: "),
                spec("compose-file-invalid.yml", "compose-invalid.yml:4:1: not valid YAML: "),
                spec("compose-port-zero.yml", "health.port is 0; expected a port from 1 to 65535"),
                spec("compose-project-upper.yml", "compose.project 'My Project' is not a compose project name"),
                spec("compose-load-balancer-ftp.yml", "compose.loadBalancer 'ftp://127.0.0.1' is not an http:// or https:// URL"),
                bad("validate compose-service-absent.yml", "service 'web' is not a service of the compose files; expected one of: api, db, lb",
                        "validate", "-f", "{res}/compose-service-absent.yml"),
                // files that are not specs
                spec("latin1.yml", "latin1.yml is not a UTF-8 text file: byte 0xe9 at offset 12 is not UTF-8"),
                bad("run a 50 MB spec", "huge.yml is 50.0 MiB, larger than the spec limit of 1 MiB (1048576 bytes)", "run", "-f", "{tmp}/huge.yml"),
                bad("run a binary spec", "binary.yml is not a UTF-8 text file", "run", "-f", "{tmp}/binary.yml"),
                bad("run a spec with a NUL", "nul.yml is not a UTF-8 text file: it holds a NUL character at offset 2", "run", "-f", "{tmp}/nul.yml"),
                bad("run a missing spec", "missing.yml does not exist; pass the spec with -f", "run", "-f", "{tmp}/missing.yml"),
                bad("run a directory as spec", " is a directory; expected a spec file", "run", "-f", "{tmp}"),
                // flags
                bad("run --replicas 0", "--replicas 0 is out of range; expected a whole number from 1 to 64", "run", "-f", "{res}/spec-ok.yml",
                        "--replicas", "0"),
                bad("run --replicas abc", "Invalid value for option '--replicas': 'abc' is not an int; see 'scalecheck run --help'",
                        "run", "--replicas", "abc"),
                bad("run --replicas 2.5", "Invalid value for option '--replicas': '2.5' is not an int", "run", "--replicas", "2.5"),
                bad("run --bogus", "Unknown option: '--bogus'; see 'scalecheck run --help'", "run", "--bogus"),
                bad("run --quiet --verbose", "--quiet and --verbose cannot go together; choose one", "run", "-f", "{res}/spec-ok.yml",
                        "--quiet", "--verbose"),
                bad("run --json a directory", "--json " + "{tmp}" + " is a directory; expected a file name", "run", "-f", "{res}/spec-ok.yml",
                        "--json", "{tmp}"),
                bad("run --html in a missing directory", "does not exist; create it or choose another path for --html", "run", "-f",
                        "{res}/spec-ok.yml", "--html", "{tmp}/no/such/dir/r.html"),
                bad("run --json and --html the same file", "--html {tmp}/r.out is also --json; give each report its own file", "run", "-f",
                        "{res}/spec-ok.yml", "--json", "{tmp}/r.out", "--html", "{tmp}/r.out"),
                bad("run --junit over the spec", "is also the input; give each report its own file", "run", "-f", "{res}/spec-ok.yml",
                        "--junit", "{res}/spec-ok.yml"),
                bad("demo --fault nope", "unknown fault 'nope'; expected one of: no-lock", "demo", "--fault", "nope"),
                bad("demo --fault-replica without --fault", "--fault-replica 2 without --fault has no fault to apply", "demo",
                        "--fault-replica", "2"),
                bad("demo --fault-replica 9 of 4", "--fault-replica 9 is not a replica; expected 1 to 4", "demo", "--fault", "no-lock",
                        "--fault-replica", "9"),
                bad("demo --database oracle", "--database oracle is not a database the demo runs on; expected one of: mariadb, postgres",
                        "demo", "--database", "oracle"),
                bad("demo --replicas 100", "--replicas 100 is out of range", "demo", "--replicas", "100"),
                bad("demo --scenario chaos", "--scenario chaos is not a scenario; expected one of: kill-lock-holder, rolling-restart, "
                        + "replica-crash, db-restart, node-loss", "demo", "--scenario", "chaos"),
                bad("run --repeat 0", "--repeat 0 is out of range; expected a whole number from 1 to 1000", "run", "-f",
                        "{res}/spec-ok.yml", "--repeat", "0"),
                bad("demo --repeat 2 --keep", "--keep with --repeat 2 would leave only the last run running", "demo", "--repeat", "2",
                        "--keep"),
                bad("ramp --up-to 0", "--up-to 0 is out of range; expected a whole number from 1 to 64", "ramp", "--demo", "--up-to", "0"),
                bad("ramp --up-to 65", "--up-to 65 is out of range", "ramp", "--demo", "--up-to", "65"),
                bad("ramp --replicas 1,x", "Invalid value for option '--replicas' (N): 'x' is not an int", "ramp", "--demo",
                        "--replicas", "1,x"),
                bad("ramp --replicas 4,2", "--replicas 4,2 is not in increasing order", "ramp", "--demo", "--replicas", "4,2"),
                bad("ramp --replicas 1,100", "--replicas 100 is out of range", "ramp", "--demo", "--replicas", "1,100"),
                bad("ramp without counts", "ramp needs the replica counts: --up-to N", "ramp", "--demo"),
                bad("ramp --replicas and --up-to", "--replicas and --up-to both give the counts; choose one", "ramp", "--demo",
                        "--replicas", "1,2", "--up-to", "4"),
                bad("ramp --demo and -f", "--demo and -f both say what to ramp; choose one", "ramp", "--demo", "-f", "{res}/spec-ok.yml",
                        "--up-to", "2"),
                bad("ramp --fault without --demo", "--fault is for the reference service; add --demo", "ramp", "-f", "{res}/spec-ok.yml",
                        "--fault", "big-pool", "--up-to", "2"),
                bad("ramp --keep", "--keep with ramp would leave only the last count running", "ramp", "--demo", "--up-to", "2", "--keep"),
                bad("ramp --repeat 0", "--repeat 0 is out of range", "ramp", "--demo", "--up-to", "2", "--repeat", "0"),
                spec("probes-parallel-zero.yml", ":2:13: probes.parallel is 0; expected a whole number from 1 to 256"),
                bad("run --scenario ''", "--scenario  is not a scenario", "run", "-f", "{res}/spec-ok.yml", "--scenario", ""),
                bad("lint --time-to-healthy with --run", "--time-to-healthy and --run both give the measured time to healthy; choose one",
                        "lint", "-f", "{res}/compose-ok.yml", "--time-to-healthy", "45s", "--run", "{res}/report-array.json"),
                bad("lint --time-to-healthy soon", "--time-to-healthy 'soon' is not a duration above 0", "lint", "-f", "{res}/compose-ok.yml",
                        "--time-to-healthy", "soon"),
                // compose files
                bad("lint an invalid compose file", "compose-invalid.yml:4:1: not valid YAML: ", "lint", "-f", "{res}/compose-invalid.yml"),
                bad("lint a missing compose file", "nope.yml does not exist; pass the compose file with -f", "lint", "-f", "{tmp}/nope.yml"),
                bad("lint a 2 MiB compose file", "big-compose.yml is 2.0 MiB, larger than the compose file limit of 1 MiB", "lint", "-f",
                        "{tmp}/big-compose.yml"),
                bad("init on a file with no services", "compose-no-services.yml has no services:", "init", "-f",
                        "{res}/compose-no-services.yml", "-o", "{tmp}/init.yml"),
                bad("init -o the compose file", "-o {res}/compose-ok.yml is the compose file -f reads", "init", "-f", "{res}/compose-ok.yml",
                        "-o", "{res}/compose-ok.yml", "--force"),
                bad("init -o a directory", "-o {tmp} is a directory; expected a file name", "init", "-f", "{res}/compose-ok.yml", "-o", "{tmp}"),
                // saved reports
                bad("report not JSON", "report-not-json.json:2:1 is not JSON: ", "report", "{res}/report-not-json.json"),
                bad("report of another version", "is not a scalecheck report of version 1 (found version 99)", "report",
                        "{res}/report-wrong-version.json"),
                bad("report an array", "report-array.json is not a scalecheck report: expected a JSON object", "report", "{res}/report-array.json"),
                bad("report an unknown field", "report-unknown-field.json does not match the report schema: unknown field 'verdict' in run; expected: ", "report",
                        "{res}/report-unknown-field.json"),
                bad("report lacking fields", "report-lacking-fields.json does not match the report schema: run lacks ", "report",
                        "{res}/report-lacking-fields.json"),
                bad("report a missing file", "missing.json does not exist; write one with --json FILE on run or demo", "report",
                        "{tmp}/missing.json"),
                bad("report a binary file", "binary.yml is not a UTF-8 text file", "report", "{tmp}/binary.yml"),
                bad("report --html over its input", "is also the input; give each report its own file", "report",
                        "{res}/report-array.json", "--html", "{res}/report-array.json"));
    }

    @BeforeAll
    static void writeGeneratedInputs() throws IOException, URISyntaxException {
        res = Path.of(Objects.requireNonNull(BadInputCorpusTest.class.getResource("/bad-input/spec-ok.yml")).toURI()).getParent();
        try (OutputStream out = Files.newOutputStream(tmp.resolve("huge.yml"))) {
            out.write("replicas: 2\n# ".getBytes());
            byte[] comment = "x".repeat(64 * 1024).getBytes();
            for (int i = 0; i < 50 * 16; i++) {
                out.write(comment);
            }
        }
        try (OutputStream out = Files.newOutputStream(tmp.resolve("big-compose.yml"))) {
            out.write("services:\n  api: { image: x }\n# ".getBytes());
            out.write("y".repeat(2 * 1024 * 1024).getBytes());
        }
        byte[] binary = new byte[512];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37 + 11);
        }
        Files.write(tmp.resolve("binary.yml"), binary);
        Files.write(tmp.resolve("nul.yml"), new byte[] {'a', ':', 0, '\n'});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedBeforeAnythingStartsWithOneLine(Case input) throws IOException {
        String[] args = input.args().stream().map(BadInputCorpusTest::place).toArray(String[]::new);
        Set<Long> processesBefore = runProcesses();
        Set<Path> directoriesBefore = runDirectories();
        AtomicReference<String> launched = new AtomicReference<>();
        Launcher never = (spec, options, out, err) -> {
            launched.set(spec.service() + " on " + spec.orchestrator());
            return -1;
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScalecheckCommand.commandLine(new NeverStarting(never)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);

        String described = String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err;
        assertThat(launched.get()).as("a refused input reached the launcher: " + described).isNull();
        assertThat(code).as(described).isEqualTo(input.exit());
        assertThat(out.toString()).as("nothing on stdout: " + described).isEmpty();
        assertThat(err.toString()).as(described).endsWith("\n");
        String line = err.toString().substring(0, err.toString().length() - 1);
        assertThat(line).as("one line on stderr").doesNotContain("\n", "\r").startsWith("scalecheck: ").contains(place(input.message()))
                .doesNotContain("Exception", "\tat ");
        assertThat(difference(runProcesses(), processesBefore)).as("processes of a run").isEmpty();
        assertThat(difference(runDirectories(), directoriesBefore)).as("run directories").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theCorpusHoldsAtLeastFortyBadInputsOfEveryKind() {
        List<Case> cases = corpus().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases.stream().map(c -> c.args().get(0)).collect(Collectors.toSet()))
                .contains("run", "demo", "ramp", "validate", "lint", "init", "report");
    }

    private static String place(String text) {
        return text.replace("{res}", res.toString()).replace("{tmp}", tmp.toString());
    }

    /** Processes of a run that this JVM started: anything the CLI starts is its descendant; other runs on the machine are not. */
    private static Set<Long> runProcesses() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("scalecheck-run-"))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Run directories in the temporary directory, leaving out those a process that is not this
     * JVM's works in (another run on the same machine, e.g. a CI run beside this build).
     */
    private static Set<Path> runDirectories() throws IOException {
        Set<Long> ours = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        List<String> others = ProcessHandle.allProcesses().filter(p -> !ours.contains(p.pid()))
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("scalecheck-run-")).toList();
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("scalecheck-run-"))
                    .filter(p -> others.stream().noneMatch(c -> c.contains(p.getFileName().toString())))
                    .collect(Collectors.toSet());
        }
    }

    private static <T> List<T> difference(Set<T> after, Set<T> before) {
        List<T> added = new ArrayList<>(after);
        added.removeAll(before);
        return added;
    }

    /** Builds the commands that start things with a launcher that only records that it was reached. */
    private record NeverStarting(Launcher launcher) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(launcher));
            }
            if (type == DemoCommand.class) {
                return type.cast(new DemoCommand(launcher));
            }
            if (type == RampCommand.class) {
                return type.cast(new RampCommand((specs, options, keepGoing, out, err) -> launcher.launch(specs.get(0), options, out, err)));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
