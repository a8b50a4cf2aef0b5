package dev.scalecheck.compose.lint;

import dev.scalecheck.core.InputFile;
import java.util.List;

/**
 * The one compose model lint, init, validate and the compose backend read: compose's own
 * ({@code docker compose config}) when the CLI is here, else scalecheck's resolver of the same
 * features. Where the two would disagree, compose decides: a file compose refuses is refused with
 * its message, and one it accepts is read even when the resolver could not (its positions are
 * then those of the files as written).
 */
public final class ComposeModels {
    /** Which reading: compose's when it is here, or one of them by name (tests run both). */
    public enum Source { AUTO, COMPOSE_CLI, RESOLVER }

    private ComposeModels() {
    }

    public static ComposeFile load(ComposeProject project) {
        return load(project, Source.AUTO);
    }

    /** @throws IllegalArgumentException when compose (or, without it, the resolver) refuses the files, with the reason */
    public static ComposeFile load(ComposeProject project, Source source) {
        if (source == Source.RESOLVER || source == Source.AUTO && !ComposeConfig.available()) {
            return ComposeResolver.resolve(project);
        }
        project.files().forEach(file -> InputFile.read(file, "compose file", "pass the compose file with -f"));
        ComposeFile positions;
        IllegalArgumentException resolverRefused = null;
        try {
            positions = ComposeResolver.resolve(project);
        } catch (IllegalArgumentException refused) {
            resolverRefused = refused;
            positions = asWritten(project);
        }
        try {
            return ComposeConfig.load(project, positions);
        } catch (IllegalArgumentException composeRefused) {
            // compose decides; the resolver's reading adds the line and column it found, when it found one
            throw resolverRefused == null ? composeRefused
                    : new IllegalArgumentException(composeRefused.getMessage() + " (" + resolverRefused.getMessage() + ")");
        }
    }

    /** The files merged without resolving anything, for positions only; null when they are not even YAML. */
    private static ComposeFile asWritten(ComposeProject project) {
        try {
            return ComposeFile.merge(project.files().stream().map(ComposeFile::read).toList());
        } catch (IllegalArgumentException notYaml) {
            return null;
        }
    }

    /** Whether compose's own reading is available here. */
    public static boolean composeAvailable() {
        return ComposeConfig.available();
    }

    static List<Source> both() {
        return List.of(Source.COMPOSE_CLI, Source.RESOLVER);
    }
}
