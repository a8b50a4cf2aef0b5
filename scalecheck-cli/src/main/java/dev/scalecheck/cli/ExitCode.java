package dev.scalecheck.cli;

/** The process exit codes; only the CLI knows these numbers. */
final class ExitCode {
    static final int PASSED = 0;
    static final int CHECK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int ENVIRONMENT = 3;
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
