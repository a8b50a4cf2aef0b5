package dev.scalecheck.compose.lint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What compose is asked to read, as {@code docker compose -f a.yml -f b.yml --project-directory d
 * --profile p --env-file e} reads it: the files in order, the directory relative paths and
 * {@code .env} are resolved against, the active profiles, the env files (the project's
 * {@code .env} when none) and the process environment (which wins over the env files).
 */
public record ComposeProject(List<Path> files, Path directory, List<String> profiles, List<Path> envFiles,
        Map<String, String> environment) {

    public ComposeProject {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("no compose file given; pass one with -f");
        }
        files = files.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        directory = (directory == null ? files.get(0).getParent() : directory).toAbsolutePath().normalize();
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        envFiles = envFiles == null ? List.of() : envFiles.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** The files in their own directory, no profile given, the project's .env, this process's environment. */
    public static ComposeProject of(List<Path> files) {
        return new ComposeProject(files, null, List.of(), List.of(), System.getenv());
    }

    public static ComposeProject of(Path file) {
        return of(List.of(file));
    }

    public ComposeProject withEnvironment(Map<String, String> variables) {
        return new ComposeProject(files, directory, profiles, envFiles, variables);
    }

    public ComposeProject withProfiles(List<String> active) {
        return new ComposeProject(files, directory, active, envFiles, environment);
    }

    /** The env files compose reads: those given, else the project directory's .env. */
    List<Path> envFilesRead() {
        return envFiles.isEmpty() ? List.of(directory.resolve(".env")) : envFiles;
    }

    /** The profiles given and those of COMPOSE_PROFILES (environment or env file, {@code variables}). */
    Set<String> activeProfiles(ComposeInterpolation variables) {
        Set<String> active = new LinkedHashSet<>(profiles);
        variables.variable("COMPOSE_PROFILES").ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).forEach(active::add));
        return active;
    }

    /** The files for messages: {@code a.yml + b.yml}. */
    public String describe() {
        return String.join(" + ", files.stream().map(Path::toString).toList());
    }
}
