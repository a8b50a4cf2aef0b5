package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes come from the exception's type in one place: bad input 2, environment 3, a bug 4 (stack trace only with --debug). */
class ScalecheckCommandTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    private Outcome run(Launcher launcher, String... args) throws IOException {
        Path spec = Files.writeString(dir.resolve("scalecheck.yml"), "replicas: 2\n");
        String[] withSpec = new String[args.length + 2];
        withSpec[0] = "run";
        withSpec[1] = "-f=" + spec;
        System.arraycopy(args, 0, withSpec, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == RunCommand.class ? type.cast(new RunCommand(launcher)) : CommandLine.defaultFactory().create(type);
            }
        };
        int code = ScalecheckCommand.commandLine(factory).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(withSpec);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aBugIsExitFourAskingForAReportWithoutAStackTrace() throws Exception {
        Outcome outcome = run((spec, options, out, err) -> {
            throw new NullPointerException("replica is null");
        });
        assertThat(outcome.code()).isEqualTo(4);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("scalecheck: internal error: java.lang.NullPointerException: replica is null; this is a bug "
                + "in scalecheck, please report it with the command you ran and its output with --debug (the stack trace)\n");
    }

    @Test
    void withDebugABugPrintsItsStackTrace() throws Exception {
        Outcome outcome = run((spec, options, out, err) -> {
            throw new IllegalStateException("no step");
        }, "--debug");
        assertThat(outcome.code()).isEqualTo(4);
        assertThat(outcome.err()).startsWith("scalecheck: internal error: java.lang.IllegalStateException: no step; this is a bug")
                .contains("\tat dev.scalecheck.cli.ScalecheckCommandTest");
    }

    @Test
    void anInputOutputErrorIsTheEnvironmentExitThree() throws Exception {
        Outcome outcome = run((spec, options, out, err) -> {
            throw new UncheckedIOException("cannot write r.json: No space left on device", new IOException("No space left on device"));
        });
        assertThat(outcome.code()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("scalecheck: cannot write r.json: No space left on device\n");
    }

    @Test
    void refusedInputIsExitTwoAndAnAcceptedSpecReachesTheLauncher() throws Exception {
        assertThat(run((spec, options, out, err) -> {
            throw new IllegalArgumentException("probes.auth.env TOKEN is not set");
        }).code()).isEqualTo(2);
        assertThat(run((spec, options, out, err) -> spec.replicas()).code()).isEqualTo(2);
        assertThat(run((spec, options, out, err) -> 0, "--replicas", "3").code()).isZero();
    }
}
