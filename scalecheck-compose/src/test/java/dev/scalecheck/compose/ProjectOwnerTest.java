package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalecheck.core.orchestrator.OrchestratorException;
import dev.scalecheck.core.orchestrator.RunOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectOwnerTest {
    private static final RunOwner OTHER_RUN = new RunOwner(1, Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void aRunClaimsAFreeProjectAndGivesItUpAtTheEnd() {
        ProjectOwner project = new ProjectOwner(dir, "shop");
        assertThat(project.file()).isEqualTo(dir.resolve("scalecheck-compose-shop.owner"));

        assertThat(project.claim(RunOwner.current())).isEmpty();
        assertThat(RunOwner.read(project.file())).contains(RunOwner.current());

        project.release(RunOwner.current());
        assertThat(project.file()).doesNotExist();
    }

    /** Another run of this same JVM: alive by pid and start time, as a second scalecheck process would be. */
    @Test
    void aProjectALiveRunOwnsIsRefusedNamingTheRunAndWhatToDo() throws Exception {
        ProjectOwner project = new ProjectOwner(dir, "shop");
        RunOwner live = RunOwner.current();
        live.write(project.file());

        assertThatThrownBy(() -> project.claim(new RunOwner(live.pid(), live.started())))
                .isInstanceOf(OrchestratorException.class)
                .hasMessage("compose project 'shop' is in use by another scalecheck run (pid " + live.pid() + " started "
                        + live.started() + "), and this run's reset would remove its containers and database; wait for that run "
                        + "to end, or set compose.project to another name");
        assertThat(RunOwner.read(project.file())).as("the live run's claim stands").contains(live);
    }

    @Test
    void aProjectWhoseOwnerIsGoneIsTakenOverAndSaysFromWhom() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RunOwner gone = new RunOwner(ended.pid(), Instant.parse("2026-01-01T00:00:00Z"));
        ProjectOwner project = new ProjectOwner(dir, "shop");
        gone.write(project.file());

        assertThat(project.claim(RunOwner.current())).contains("a run that is gone (pid " + ended.pid()
                + " started 2026-01-01T00:00:00Z)");
        assertThat(RunOwner.read(project.file())).contains(RunOwner.current());
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing left beside the owner file").containsExactly(project.file());
        }
    }

    @Test
    void aReusedPidIsAnOwnerThatIsGone() throws Exception {
        ProjectOwner project = new ProjectOwner(dir, "shop");
        new RunOwner(ProcessHandle.current().pid(), Instant.parse("2020-01-01T00:00:00Z")).write(project.file());
        assertThat(project.claim(RunOwner.current())).hasValueSatisfying(previous -> assertThat(previous).startsWith("a run that is gone"));
    }

    @Test
    void anUnreadableOwnerFileIsTakenOver() throws Exception {
        ProjectOwner project = new ProjectOwner(dir, "shop");
        Files.writeString(project.file(), "pid=\n");
        assertThat(project.claim(RunOwner.current())).contains("an unreadable owner file");
    }

    @Test
    void releaseLeavesAnotherRunsClaimAlone() throws Exception {
        ProjectOwner project = new ProjectOwner(dir, "shop");
        OTHER_RUN.write(project.file());
        project.release(RunOwner.current());
        assertThat(RunOwner.read(project.file())).contains(OTHER_RUN);
    }

    @Test
    void projectsAreClaimedEachOnItsOwn() {
        assertThat(new ProjectOwner(dir, "shop").claim(RunOwner.current())).isEmpty();
        assertThat(new ProjectOwner(dir, "shop-pg").claim(RunOwner.current())).isEmpty();
    }
}
