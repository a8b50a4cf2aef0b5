package dev.scalecheck.cli;

import dev.scalecheck.core.spec.Spec;
import java.io.PrintWriter;
import java.util.List;

/** What starts a checked ramp: {@link RunExecutor#ramp} for real; in the bad-input corpus, something that fails the test if reached. */
@FunctionalInterface
interface RampLauncher {
    RampLauncher REAL = RunExecutor::ramp;

    int launch(List<Spec> specs, RunOptions options, boolean keepGoing, PrintWriter out, PrintWriter err);
}
