import dev.scalecheck.compose.ComposeLogStream;
import dev.scalecheck.core.BoundedLogs;
import dev.scalecheck.core.check.BuiltInChecks;
import dev.scalecheck.core.spec.DemoPreset;
import dev.scalecheck.core.spec.Spec;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Log evidence parsing: writes a synthetic {@code docker compose logs --timestamps} output of the
 * size asked for (16 replicas, the demo's lines among request noise), then streams it through the
 * compose backend's reader into the bounded store, as a run does. Prints "MB/s heapPeakMB lines kept".
 * Run with a small heap (bench/scale passes -Xmx64m) to show the memory does not grow with the log.
 *
 * <p>Usage: {@code java -cp scalecheck.jar bench/LogBench.java FILE SIZE_MB}
 */
public class LogBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        if (!Files.exists(file) || Files.size(file) < size) {
            write(file, size);
        }
        Spec spec = DemoPreset.applyTo(Spec.empty());
        BoundedLogs kept = new BoundedLogs(BuiltInChecks.judgedLines(spec), BoundedLogs.RECENT, BoundedLogs.JUDGED, id -> "docker logs");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long lines;
        try (InputStream in = Files.newInputStream(file)) {
            lines = args.length > 2 && args[2].equals("parse-only") ? ComposeLogStream.parse(in, line -> { })
                    : ComposeLogStream.parse(in, kept::add);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        double megabytes = Files.size(file) / 1024.0 / 1024.0;
        System.out.println(String.format(Locale.ROOT, "%.1f %.1f %d %d %.1f", megabytes / seconds, heapPeak / 1024.0 / 1024.0, lines,
                kept.lines().size(), megabytes));
    }

    private static void write(Path file, long size) throws Exception {
        String[] demo = {"Database pool created (max=6)", "Schema check: 4 migrations pending", "Migration lock acquired: demo_migration",
            "Applied migration V1__items", "Migration lock released: demo_migration", "Ready: listening on 7777"};
        Instant t = Instant.parse("2026-12-06T04:00:00.000000001Z");
        long written = 0;
        long i = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < size) {
                int replica = (int) (i % 16) + 1;
                String text = i < 96 ? demo[(int) (i / 16)] : "GET /api/items/" + i + " 200 in 3 ms from 172.18.0." + replica
                        + " request-id " + Long.toHexString(i * 2654435761L);
                String line = "api-" + replica + (replica < 10 ? "   | " : "  | ") + t.plusNanos(i * 1_000_003L) + " " + text + "\n";
                out.write(line);
                written += line.length();
                i++;
            }
        }
    }
}
