package dev.scalecheck.compose;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.RunOwner;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which run uses a compose project: the owner file {@code scalecheck-compose-<project>.owner} in
 * the system's temporary directory ({@link RunOwner}: pid and start time). A run claims the
 * project before its reset, which removes whatever the project holds, and gives it up at
 * teardown; a second run of the same project is refused while the owner runs, and takes over
 * from an owner that is gone (killed without teardown, or run with {@code --keep} and ended).
 */
final class ProjectOwner {
    private static final int ATTEMPTS = 5;

    private final String project;
    private final Path file;

    ProjectOwner(Path directory, String project) {
        this.project = project;
        this.file = directory.resolve("scalecheck-compose-" + project + ".owner");
    }

    Path file() {
        return file;
    }

    /**
     * Makes {@code self} the project's owner.
     *
     * @return the run it took the project over from, when the owner file named one that is gone
     * @throws OrchestratorException when a run that still runs owns the project
     */
    Optional<String> claim(RunOwner self) {
        Optional<String> previous = Optional.empty();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (self.writeIfAbsent(file)) {
                    return previous;
                }
                Optional<RunOwner> owner = RunOwner.read(file);
                if (owner.isPresent() && owner.get().alive()) {
                    throw inUse(owner.get());
                }
                // gone: move its file aside first, so that of two runs taking over at once only one does
                Path aside = file.resolveSibling(file.getFileName() + "." + self.pid() + "-" + System.nanoTime() + ".gone");
                try {
                    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    continue;
                }
                Optional<RunOwner> moved = RunOwner.read(aside);
                if (moved.isPresent() && moved.get().alive()) {
                    // a run claimed the project between the read and the move: its claim stands
                    giveBack(aside);
                    throw inUse(moved.get());
                }
                Files.deleteIfExists(aside);
                previous = Optional.of(moved.map(gone -> "a run that is gone (" + gone + ")").orElse("an unreadable owner file"));
            }
        } catch (IOException e) {
            throw new OrchestratorException("cannot mark compose project '" + project + "' as this run's in " + file + ": "
                    + e.getMessage(), e);
        }
        throw new OrchestratorException("cannot mark compose project '" + project + "' as this run's: " + file
                + " kept changing under it; is another scalecheck run of the same project starting?");
    }

    private void giveBack(Path aside) throws IOException {
        try {
            Files.createLink(file, aside);
        } catch (FileAlreadyExistsException e) {
            // a third run has claimed it since; that claim stands
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private OrchestratorException inUse(RunOwner owner) {
        return new OrchestratorException("compose project '" + project + "' is in use by another scalecheck run (" + owner
                + "), and this run's reset would remove its containers and database; wait for that run to end, "
                + "or set compose.project to another name");
    }

    /** Gives the project up, when {@code self} still owns it. */
    void release(RunOwner self) {
        if (RunOwner.read(file).filter(self::equals).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a file naming a run that has ended: the next run takes over from it
            }
        }
    }
}
