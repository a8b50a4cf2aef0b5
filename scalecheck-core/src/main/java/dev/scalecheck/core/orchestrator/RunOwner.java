package dev.scalecheck.core.orchestrator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The scalecheck process that owns what a run started (a local run's directory, a compose
 * project): its pid and start time. It is gone when the pid is dead, or now names another
 * process (one started at another time). Kept in an owner file of two lines,
 * {@code pid=<pid>} and {@code started=<instant>}, that readers see complete or not at all.
 */
public record RunOwner(long pid, Instant started) {
    /** Start times read by two JVMs agree to the clock tick; a reused pid starts later than that. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    /** This JVM. */
    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
    }

    /** Whether the owner still runs: the same pid, started at the same time. */
    public boolean alive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant())
                .map(start -> Duration.between(start, started).abs().compareTo(SAME_START) < 0)
                .orElse(false);
    }

    /** Writes (or replaces) the owner file at once: a reader never sees half of it. */
    public void write(Path file) throws IOException {
        Path written = temporaryBeside(file);
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /**
     * Writes the owner file only when there is none yet, at once (a hard link of a complete
     * file: of two processes trying together, exactly one succeeds).
     *
     * @return false when there already is an owner file
     */
    public boolean writeIfAbsent(Path file) throws IOException {
        Path written = temporaryBeside(file);
        try {
            Files.createLink(file, written);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private Path temporaryBeside(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path written = Files.createTempFile(directory, file.getFileName().toString() + ".", ".tmp");
        Files.writeString(written, "pid=" + pid + "\nstarted=" + started + "\n", StandardCharsets.UTF_8);
        return written;
    }

    /** The owner an owner file names, or empty when there is none or it cannot be read. */
    public static Optional<RunOwner> read(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(new RunOwner(Long.parseLong(properties.getProperty("pid", "").trim()),
                    Instant.parse(properties.getProperty("started", "").trim())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + " started " + started;
    }
}
