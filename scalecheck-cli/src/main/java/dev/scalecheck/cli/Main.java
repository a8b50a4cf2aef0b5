package dev.scalecheck.cli;

/** Entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ScalecheckCommand.commandLine().execute(args));
    }
}
