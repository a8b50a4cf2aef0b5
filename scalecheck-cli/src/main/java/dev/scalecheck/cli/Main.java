package dev.scalecheck.cli;

/** Entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Undertow and XNIO log through JBoss Logging; send it to SLF4J (no-op here) instead of java.util.logging on stderr
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(ScalecheckCommand.commandLine().execute(args));
    }
}
