package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.spec.Spec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's fault flags, up to the spec handed to the launcher; nothing is started. */
class DemoCommandTest {

    private static int demo(AtomicReference<Spec> launched, StringWriter out, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DemoCommand.class ? type.cast(new DemoCommand((spec, options, o, e) -> {
                    launched.set(spec);
                    return 0;
                })) : CommandLine.defaultFactory().create(type);
            }
        };
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "demo";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        return ScalecheckCommand.commandLine(factory).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(withCommand);
    }

    @Test
    void theScenarioFaultsReachTheReferenceServiceAsDemoFault() {
        AtomicReference<Spec> launched = new AtomicReference<>();
        assertThat(demo(launched, new StringWriter(), "--fault", "no-drain,stale-lock", "--fault", "no-reconnect")).isZero();
        assertThat(launched.get().local().environment()).containsEntry("DEMO_FAULT", "no-drain,stale-lock,no-reconnect");
    }

    @Test
    void helpListsEveryFault() {
        StringWriter out = new StringWriter();
        assertThat(demo(new AtomicReference<>(), out, "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("big-pool, no-drain, stale-lock, no-reconnect");
    }
}
