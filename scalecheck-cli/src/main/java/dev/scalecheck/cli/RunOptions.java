package dev.scalecheck.cli;

import picocli.CommandLine.Option;

/** The options every command that runs a scaling test shares. */
final class RunOptions {

    @Option(names = "--keep", description = "Leave everything running after the checks; Ctrl-C removes it.")
    boolean keep;

    @Option(names = "--verbose", description = "Show every check's details, also when it passed.")
    boolean verbose;
}
