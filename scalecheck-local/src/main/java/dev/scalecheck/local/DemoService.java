package dev.scalecheck.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The reference service (demo-api), packed inside this module's jar as the default replica command. */
public final class DemoService {
    private static final String RESOURCE = "demo-api.jar";

    private DemoService() {
    }

    /** Writes the demo-api jar into {@code directory} and returns its path. */
    public static Path extractJar(Path directory) {
        Path target = directory.resolve(RESOURCE);
        try (InputStream in = DemoService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo-api.jar is not packed in scalecheck-local; rebuild with ./mvnw install");
            }
            Files.createDirectories(directory);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The command that starts one replica of the demo with this JVM's java. */
    public static List<String> command(Path jar) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m",
                // the JDK HttpServer sends an answer in two writes: with Nagle on, each small answer waits
                // for the delayed ACK of the first (about 40 ms a request; measured in bench/results/scale.md)
                "-Dsun.net.httpserver.nodelay=true",
                "-jar", jar.toAbsolutePath().toString());
    }
}
