package dev.scalecheck.cli;

import picocli.CommandLine;

/** Flags that cannot go together, or a flag's value that is refused: exit 2, with a message that already says the fix. */
final class BadFlags extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    BadFlags(CommandLine.Model.CommandSpec command, String message) {
        super(command.commandLine(), message);
    }
}
