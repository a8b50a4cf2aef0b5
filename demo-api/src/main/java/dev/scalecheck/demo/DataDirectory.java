package dev.scalecheck.demo;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small files in the shared data directory; names are checked so nothing escapes it. */
final class DataDirectory {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Path root;
    private final boolean writable;

    /** @param writable false for the readonly-data fault: writes fail as they do for a replica with the wrong UID */
    DataDirectory(Path root, boolean writable) {
        this.root = root.toAbsolutePath().normalize();
        this.writable = writable;
    }

    Path root() {
        return root;
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    void write(String name, byte[] content) throws IOException {
        Path target = resolve(name);
        if (!writable) {
            throw new AccessDeniedException(target.toString(), null,
                    "data directory is not writable by this replica (fault readonly-data)");
        }
        Files.createDirectories(root);
        Path temp = Files.createTempFile(root, "." + name, ".tmp");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Optional<byte[]> read(String name) throws IOException {
        Path target = resolve(name);
        return Files.isRegularFile(target) ? Optional.of(Files.readAllBytes(target)) : Optional.empty();
    }

    private Path resolve(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("invalid data file name '" + name + "'; expected " + NAME.pattern());
        }
        Path target = root.resolve(name).normalize();
        if (!target.getParent().equals(root)) {
            throw new IllegalArgumentException("data file name '" + name + "' leaves the data directory");
        }
        return target;
    }
}
