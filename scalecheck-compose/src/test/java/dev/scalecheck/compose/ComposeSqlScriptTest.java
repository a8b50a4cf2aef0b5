package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MariaDB probe's shell script, run here by sh with a stand-in {@code mariadb} that shows what it was given. */
class ComposeSqlScriptTest {
    @TempDir
    Path dir;

    @Test
    void handsTheRootPasswordOverInAnOwnerOnlyOptionFileRemovedAfterwardsNotInMysqlPwd() throws Exception {
        Path password = Files.writeString(dir.resolve("root-password"), "p#a\"s\\s w\n");
        Result result = run(password);
        assertThat(result.code).isEqualTo(3);
        assertThat(result.output).contains("args: --defaults-extra-file=", " --batch --user=root app")
                .contains("mode: 600", "[client]\npassword=\"p#a\\\"s\\\\s w\"\n")
                .contains("MYSQL_PWD unset").doesNotContain("p#a\"s");
        String file = result.output.substring(result.output.indexOf("--defaults-extra-file=") + 22).split(" ")[0];
        assertThat(Path.of(file)).as("the option file after the client ended").doesNotExist();
    }

    @Test
    void withoutAPasswordFileRunsTheClientAsItIs() throws Exception {
        Result result = run(null);
        assertThat(result.output).contains("args: --batch --user=root app");
    }

    private record Result(int code, String output) {}

    private Result run(Path passwordFile) throws IOException, InterruptedException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path client = bin.resolve("mariadb");
        Files.writeString(client, """
                #!/bin/sh
                echo "args: $*"
                f=${1#--defaults-extra-file=}
                if [ "$f" != "$1" ]; then echo "mode: $(stat -c %a "$f")"; cat "$f"; fi
                echo "MYSQL_PWD ${MYSQL_PWD:-unset}"
                exit 3
                """);
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", ComposeSql.MARIADB, "app").redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("TMPDIR", dir.toString());
        builder.environment().remove("MARIADB_ROOT_PASSWORD_FILE");
        if (passwordFile != null) {
            builder.environment().put("MARIADB_ROOT_PASSWORD_FILE", passwordFile.toString());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
