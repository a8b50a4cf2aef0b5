import dev.scalecheck.core.Deadline;
import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.run.ReplicaTimeline;
import dev.scalecheck.core.run.RunReport;
import dev.scalecheck.core.run.StepResult;
import dev.scalecheck.local.DemoService;
import dev.scalecheck.local.TemporaryDirectories;
import dev.scalecheck.local.database.EmbeddedMariaDb;
import dev.scalecheck.local.process.LocalProcess;
import dev.scalecheck.reports.JsonReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * How long the reference service and a whole demo run take, measured on this machine:
 *
 * <ul>
 *   <li>one demo-api replica from process start to its first 200 on /api/health/ready, on a
 *       fresh schema (it migrates) and on a migrated one (fast path), split by its own log lines
 *       into JVM and start-up up to the pool, the schema check, and the rest;</li>
 *   <li>four replicas started at once on a fresh schema;</li>
 *   <li>{@code scalecheck demo} end to end, split by step (from its JSON report).</li>
 * </ul>
 *
 * Run it with {@code bench/run} (builds first); results go to {@code bench/results/startup.md}.
 */
public class StartupBench {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path cli = Path.of(args.length > 1 ? args[1] : "scalecheck-cli/target/scalecheck.jar").toAbsolutePath();
        Path out = Path.of(args.length > 2 ? args[2] : "bench/results/startup.md");
        Path dir = Files.createTempDirectory("scalecheck-bench-");
        StringBuilder report = new StringBuilder();
        report.append("# Start-up benchmark\n\n")
                .append("Measured ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(rounds).append(" rounds each; ")
                .append("embedded MariaDB ").append(EmbeddedMariaDb.VERSION).append(". Seconds: median / max.\n\n");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("db"), EmbeddedMariaDb.defaultBinaryCache())) {
            Path jar = DemoService.extractJar(dir);
            Bench bench = new Bench(db, jar, dir);
            List<Map<String, Duration>> migrating = new ArrayList<>();
            List<Map<String, Duration>> fastPath = new ArrayList<>();
            List<Map<String, Duration>> fourAtOnce = new ArrayList<>();
            List<Map<String, Duration>> jvm = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                jvm.add(Map.of("total", jvmBaseline(jar)));
                String schema = "bench" + round;
                migrating.addAll(bench.replicas(schema, 1));
                fastPath.addAll(bench.replicas(schema, 1));
                fourAtOnce.addAll(bench.replicas("four" + round, 4));
                System.out.println("round " + round + " of " + rounds + " done");
            }
            report.append("## One demo-api replica, process start to first 200 on /api/health/ready\n\n");
            table(report, Map.of("migrating (fresh schema, 4 migrations)", migrating, "fast path (schema up to date)", fastPath,
                    "4 at once on a fresh schema (all replicas)", fourAtOnce, "bare JVM: the same java flags, -version", jvm));
            report.append("\n- jvm+init: process start to `Database pool created` (JVM start, configuration, the pool's first "
                    + "connection)\n- schema: pool created to `Ready on port` (migration check, lock, migrations)\n"
                    + "- answer: `Ready on port` to the first 200 seen by a 10 ms poll\n");
        } finally {
            TemporaryDirectories.deleteQuietly(dir);
        }
        report.append("\n## `scalecheck demo` (4 replicas), end to end\n\n");
        demoRuns(report, cli, rounds);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.print(report);
        System.out.println("written to " + out);
    }

    /** Starts {@code count} replicas at once against {@code schema}, waits for each, stops them; per-replica phases. */
    private record Bench(EmbeddedMariaDb db, Path jar, Path dir) {
        List<Map<String, Duration>> replicas(String schema, int count) throws Exception {
            Path password = dir.resolve(schema + ".password");
            if (!Files.exists(password)) {
                EmbeddedMariaDb.Account account = db.createDatabase(schema, schema);
                Files.writeString(password, account.password().reveal());
                Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            }
            Path data = Files.createDirectories(dir.resolve("data"));
            List<LogLine> logs = new CopyOnWriteArrayList<>();
            List<LocalProcess> processes = new ArrayList<>();
            List<Instant> started = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            try {
                for (int i = 1; i <= count; i++) {
                    int port = freePort();
                    Map<String, String> env = Map.of("PORT", String.valueOf(port), "BIND_ADDRESS", "127.0.0.1",
                            "REPLICA_ID", "api-" + i, "DATA_DIR", data.toString(), "DB_URL", db.jdbcUrl(schema),
                            "DB_USER", schema, "DB_PASSWORD_FILE", password.toString());
                    started.add(CLOCK.instant());
                    ports.add(port);
                    processes.add(LocalProcess.start("api-" + i, DemoService.command(jar), env, dir, CLOCK, logs::add));
                }
                Map<Integer, Instant> readyAt = awaitReady(ports, processes);
                List<Map<String, Duration>> phases = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Instant ready = readyAt.get(i);
                    Instant pool = marker(logs, "api-" + (i + 1), "Database pool created");
                    Instant readyLine = marker(logs, "api-" + (i + 1), "Ready on port");
                    Map<String, Duration> phase = new LinkedHashMap<>();
                    phase.put("total", Duration.between(started.get(i), ready));
                    phase.put("jvm+init", Duration.between(started.get(i), pool));
                    phase.put("schema", Duration.between(pool, readyLine));
                    phase.put("answer", Duration.between(readyLine, ready).isNegative() ? Duration.ZERO
                            : Duration.between(readyLine, ready));
                    phases.add(phase);
                }
                return phases;
            } finally {
                processes.forEach(p -> p.stop(Duration.ofSeconds(10)));
            }
        }

        /** Polls every replica's readiness every 10 ms, all in one round, until each answered 200. */
        private static Map<Integer, Instant> awaitReady(List<Integer> ports, List<LocalProcess> processes) throws Exception {
            Map<Integer, Instant> ready = new LinkedHashMap<>();
            Deadline.after(Duration.ofSeconds(120), CLOCK).poll(Duration.ofMillis(10), () -> {
                for (int i = 0; i < ports.size(); i++) {
                    if (!ready.containsKey(i) && answersReady(ports.get(i), processes.get(i))) {
                        ready.put(i, CLOCK.instant());
                    }
                }
                return ready.size() == ports.size() ? Optional.of(true) : Optional.empty();
            }).orElseThrow(() -> new IllegalStateException(ports.size() - ready.size() + " replicas not ready within 120 s"));
            return ready;
        }

        private static boolean answersReady(int port, LocalProcess process) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with " + process.exitCode() + " before ready");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The demo's own UTC timestamp at the start of the replica's first line containing {@code text}. */
        private static Instant marker(List<LogLine> logs, String replica, String text) {
            for (LogLine line : logs) {
                if (line.replica().equals(replica) && line.text().contains(text)) {
                    try {
                        return Instant.parse(line.text().substring(0, line.text().indexOf(' ')));
                    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                        return line.at();
                    }
                }
            }
            throw new IllegalStateException(replica + " never logged '" + text + "'");
        }
    }

    /** The JVM alone with the replica's flags: {@code java ... -version}, start to exit. */
    private static Duration jvmBaseline(Path jar) throws Exception {
        List<String> command = new ArrayList<>(DemoService.command(jar));
        command.subList(command.size() - 2, command.size()).clear();
        command.add("-version");
        Instant start = CLOCK.instant();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return Duration.between(start, CLOCK.instant());
    }

    private static void demoRuns(StringBuilder report, Path cli, int rounds) throws Exception {
        List<Map<String, Duration>> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path json = Files.createTempFile("scalecheck-bench-", ".json");
            try {
                Instant start = CLOCK.instant();
                Process process = new ProcessBuilder("java", "-jar", cli.toString(), "demo", "--quiet", "--json", json.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                int code = process.waitFor();
                Duration wall = Duration.between(start, CLOCK.instant());
                if (code != 0) {
                    throw new IllegalStateException("scalecheck demo exited " + code + " in round " + round);
                }
                RunReport run = JsonReport.read(json);
                Map<String, Duration> phase = new LinkedHashMap<>();
                phase.put("wall (JVM to exit)", wall);
                for (StepResult step : run.steps()) {
                    phase.merge("[" + step.number() + "/" + step.total() + "] " + step.title(), step.duration(), Duration::plus);
                }
                Duration spread = spread(run.timelines(), ReplicaTimeline::ready);
                phase.put("ready spread across replicas", spread);
                runs.add(phase);
            } finally {
                Files.deleteIfExists(json);
            }
        }
        table(report, Map.of("scalecheck demo", runs));
    }

    private static Duration spread(List<ReplicaTimeline> timelines, Function<ReplicaTimeline, Instant> moment) {
        List<Instant> moments = timelines.stream().map(moment).filter(java.util.Objects::nonNull).sorted().toList();
        return moments.isEmpty() ? Duration.ZERO : Duration.between(moments.get(0), moments.get(moments.size() - 1));
    }

    private static void table(StringBuilder report, Map<String, List<Map<String, Duration>>> groups) {
        for (Map.Entry<String, List<Map<String, Duration>>> group : new java.util.TreeMap<>(groups).entrySet()) {
            report.append("| ").append(group.getKey()).append(" (n=").append(group.getValue().size()).append(") | median | max |\n")
                    .append("|---|---|---|\n");
            for (String phase : group.getValue().get(0).keySet()) {
                List<Long> millis = group.getValue().stream().map(m -> m.get(phase).toMillis()).sorted().toList();
                report.append("| ").append(phase).append(" | ").append(seconds(millis.get(millis.size() / 2)))
                        .append(" | ").append(seconds(millis.get(millis.size() - 1))).append(" |\n");
            }
            report.append('\n');
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
