package dev.scalecheck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM, as a user would, and keeps what it printed. */
final class Cli {
    private Cli() {
    }

    record Outcome(int code, String output) {}

    static Outcome scalecheck(String... args) {
        StringWriter out = new StringWriter();
        int code = ScalecheckCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        return new Outcome(code, out.toString());
    }
}
