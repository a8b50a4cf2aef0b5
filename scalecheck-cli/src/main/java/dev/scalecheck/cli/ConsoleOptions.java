package dev.scalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the terminal output looks. */
final class ConsoleOptions {

    @Option(names = "--plain", description = "Plain lines, no live spinner (the default when not on a terminal).")
    boolean plain;

    @Option(names = "--quiet", description = "Only the failed checks and the verdict.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show every check's details and evidence, also when it passed.")
    boolean verbose;

    /** --quiet and --verbose contradict each other. */
    void check(CommandLine.Model.CommandSpec command) {
        if (quiet && verbose) {
            throw new BadFlags(command, "--quiet and --verbose cannot go together; choose one");
        }
    }

    /** A live spinner only on a terminal, unless --plain. */
    boolean live() {
        return !plain && !quiet && System.console() != null;
    }

    /** Colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
    boolean colour() {
        String noColour = System.getenv("NO_COLOR");
        return System.console() != null && (noColour == null || noColour.isEmpty());
    }
}
