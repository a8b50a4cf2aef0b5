package dev.scalecheck.cli;

import dev.scalecheck.core.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The process exit codes; only the CLI knows these numbers. A result (a run's report, lint's
 * findings) decides 0, 1 or 3 in its command; an exception decides here, by its type alone.
 */
final class ExitCode {
    static final int PASSED = 0;
    static final int CHECK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int ENVIRONMENT = 3;
    static final int INTERNAL = 4;
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    /**
     * The exit code of an exception that ended a command: bad input (a spec, a flag, a file the user named; the
     * modules refuse input with {@link IllegalArgumentException} or {@link SpecException}) is 2, the machine
     * (I/O) is 3, anything else is a bug of scalecheck's, 4.
     */
    static int of(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof SpecException
                || (e instanceof IllegalArgumentException && e.getMessage() != null)) {
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return ENVIRONMENT;
        }
        if (e instanceof InterruptedException) {
            return INTERRUPTED;
        }
        return INTERNAL;
    }
}
