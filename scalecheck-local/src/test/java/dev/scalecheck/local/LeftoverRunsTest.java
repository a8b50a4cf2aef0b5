package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.orchestrator.RunOwner;
import dev.scalecheck.local.process.LocalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverRunsTest {
    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void removesTheProcessesThenTheDirectoryOfARunWhoseOwnerIsGone() throws Exception {
        Path dead = run("dead", new RunOwner(deadPid(), Instant.parse("2026-01-01T00:00:00Z")));
        Files.writeString(dead.resolve("db-password"), "secret");
        // a database, found by its directory in its command line; a replica's real service, by the run mark it inherited
        Process database = start(dead, false, "sh", "-c", "sleep 300; true", dead.resolve("db/data").toString());
        Process replica = start(dead, true, "sh", "-c", "sh -c 'sleep 300; true'; true");

        List<String> removed = LeftoverRuns.removeDead(tmp);

        assertThat(removed).singleElement().asString()
                .startsWith("removed the leftovers of a run whose owner (pid " + deadPid() + " started 2026-01-01T00:00:00Z) is gone: "
                        + "stopped ")
                .contains("sh " + database.pid(), "sh " + replica.pid())
                .endsWith("; deleted " + dead);
        assertThat(Files.exists(dead)).isFalse();
        assertThat(List.of(database.toHandle(), replica.toHandle())).noneMatch(LocalProcess::running);
    }

    @Test
    void takesAReusedPidForADeadOwner() throws Exception {
        Path reused = run("reused", new RunOwner(ProcessHandle.current().pid(), Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(LeftoverRuns.removeDead(tmp)).singleElement().asString().contains("no process");
        assertThat(Files.exists(reused)).isFalse();
    }

    @Test
    void leavesRunsOfLiveOwnersAndDirectoriesWithoutOwnerAlone() throws Exception {
        Path live = run("live", RunOwner.current());
        Process replica = start(live, true, "sleep", "300");
        Path unowned = Files.createDirectory(tmp.resolve(RunDirectory.PREFIX + "unowned"));

        assertThat(LeftoverRuns.removeDead(tmp)).isEmpty();
        assertThat(live).exists();
        assertThat(unowned).exists();
        assertThat(replica.isAlive()).isTrue();
    }

    @Test
    void deletesOnlyTheFilesThatHoldAPassword() throws IOException {
        Path run = run("passwords", RunOwner.current());
        Files.writeString(run.resolve("db-password"), "secret");
        Files.writeString(run.resolve("owner-note"), "kept");
        LeftoverRuns.deletePasswordFiles(run);
        assertThat(run.resolve("db-password")).doesNotExist();
        assertThat(run.resolve("owner-note")).exists();
    }

    private Path run(String name, RunOwner owner) throws IOException {
        Path directory = Files.createDirectory(tmp.resolve(RunDirectory.PREFIX + name));
        RunDirectory.writeOwner(directory, owner);
        assertThat(RunDirectory.owner(directory)).contains(owner);
        return directory;
    }

    private Process start(Path run, boolean marked, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (marked) {
            builder.environment().put(RunDirectory.ENVIRONMENT_MARK, run.toString());
        }
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** A pid no process has: one above the highest the kernel hands out. */
    private static long deadPid() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/pid_max")).trim()) + 1;
    }
}
