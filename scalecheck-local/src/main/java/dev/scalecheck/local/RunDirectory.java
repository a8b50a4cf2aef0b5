package dev.scalecheck.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A local run's temporary directory ({@code scalecheck-run-*}), marked with the process that owns
 * it: an {@code owner} file with the pid and start time of the scalecheck process. A directory
 * whose owner is gone (the pid is dead, or now names another process with another start time)
 * is a leftover, and {@link LeftoverRuns} removes it with what still runs from it.
 */
final class RunDirectory {
    static final String PREFIX = "scalecheck-run-";
    static final String OWNER_FILE = "owner";
    /** In every replica's environment (inherited by what it starts): the run directory it belongs to. */
    static final String ENVIRONMENT_MARK = "SCALECHECK_RUN_DIRECTORY";
    /** Start times read by two JVMs agree to the clock tick; a reused pid starts later than that. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private RunDirectory() {
    }

    /** The owner of a run directory: a scalecheck process. */
    record Owner(long pid, Instant started) {
        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
        }

        /** Whether the process that owns the directory still runs: the same pid, started at the same time. */
        boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().startInstant())
                    .map(start -> Duration.between(start, started).abs().compareTo(SAME_START) < 0)
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "pid " + pid + " started " + started;
        }
    }

    /** A new directory under the system's temporary directory, with the current process as its owner. */
    static Path create() throws IOException {
        Path directory = Files.createTempDirectory(PREFIX);
        writeOwner(directory, Owner.current());
        return directory;
    }

    static void writeOwner(Path directory, Owner owner) throws IOException {
        Files.writeString(directory.resolve(OWNER_FILE), "pid=" + owner.pid() + "\nstarted=" + owner.started() + "\n");
    }

    /** The directory's owner, or empty when it has no readable owner file. */
    static Optional<Owner> owner(Path directory) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(directory.resolve(OWNER_FILE))) {
            properties.load(in);
            return Optional.of(new Owner(Long.parseLong(properties.getProperty("pid", "").trim()),
                    Instant.parse(properties.getProperty("started", "").trim())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
