package dev.scalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DemoCommandIT {
    @Test
    void startsTheReferenceServiceAgainstTheEmbeddedDatabaseAndFindsItReady() {
        StringWriter out = new StringWriter();
        int code = ScalecheckCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute("demo");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("[1/3] Starting embedded MariaDB")
                .containsPattern("\\[3/3\\] GET http://127\\.0\\.0\\.1:\\d+/api/health/ready answered 200: \\{\"status\":\"ready\"")
                .contains("api-1 | ").contains("Shutdown complete");
    }

    @Test
    void unknownOptionIsBadInputExitTwo() {
        StringWriter out = new StringWriter();
        int code = ScalecheckCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute("demo", "--bogus");
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("Unknown option: '--bogus'");
    }
}
