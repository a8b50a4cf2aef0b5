package dev.scalecheck.local;

import dev.scalecheck.core.orchestrator.RunOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local run's temporary directory ({@code scalecheck-run-*}), marked with the process that owns
 * it: an {@code owner} file with the pid and start time of the scalecheck process
 * ({@link RunOwner}). A directory whose owner is gone (the pid is dead, or now names another
 * process with another start time) is a leftover, and {@link LeftoverRuns} removes it with what still runs from it.
 */
final class RunDirectory {
    static final String PREFIX = "scalecheck-run-";
    static final String OWNER_FILE = "owner";
    /** In every replica's environment (inherited by what it starts): the run directory it belongs to. */
    static final String ENVIRONMENT_MARK = "SCALECHECK_RUN_DIRECTORY";

    private RunDirectory() {
    }

    /** A new directory under the system's temporary directory, with the current process as its owner. */
    static Path create() throws IOException {
        Path directory = Files.createTempDirectory(PREFIX);
        writeOwner(directory, RunOwner.current());
        return directory;
    }

    static void writeOwner(Path directory, RunOwner owner) throws IOException {
        owner.write(directory.resolve(OWNER_FILE));
    }

    /** The directory's owner, or empty when it has no readable owner file. */
    static Optional<RunOwner> owner(Path directory) {
        return RunOwner.read(directory.resolve(OWNER_FILE));
    }
}
