package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
import java.io.PrintWriter;

/** What starts a checked spec: {@link RunExecutor} for real; in the bad-input corpus, something that fails the test if reached. */
@FunctionalInterface
interface Launcher {
    Launcher REAL = RunExecutor::execute;

    int launch(Spec spec, RunOptions options, PrintWriter out, PrintWriter err);
}
