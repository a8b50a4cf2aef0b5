package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
import dev.scalecheck.core.spec.Markers;
import dev.scalecheck.core.spec.Spec;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BuiltInChecksTest {
    @Test
    void allTenChecksPassOnHealthyEvidenceInReportOrder() {
        assertThat(BuiltInChecks.all()).extracting(Check::id).containsExactly("replicas-healthy", "parallel-startup",
                "shared-writes", "single-migration", "lock-released", "lb-reaches-all", "cross-replica-state",
                "connection-headroom", "startup-budget", "fresh-state");
        for (Check check : BuiltInChecks.all()) {
            CheckResult result = check.evaluate(Fixtures.healthyEvidence());
            assertThat(result.status()).as(check.id() + ": " + result.summary()).isEqualTo(Status.PASS);
            assertThat(result.id()).isEqualTo(check.id());
        }
    }

    @Test
    void theChecksTheDatabaseDecidesAreAnErrorWhenItCouldNotBeAsked() {
        Evidence evidence = Fixtures.with(Fixtures.healthyEvidence(),
                DatabaseState.unavailable("Communications link failure (connection refused)"));
        for (Check check : BuiltInChecks.all()) {
            if (check instanceof DatabaseCheck) {
                CheckResult result = check.evaluate(evidence);
                assertThat(result.status()).as(check.id()).isEqualTo(Status.ERROR);
                assertThat(result.summary()).isEqualTo("the database could not be asked: Communications link failure "
                        + "(connection refused)");
            }
        }
        assertThat(BuiltInChecks.all()).filteredOn(DatabaseCheck.class::isInstance).extracting(Check::id)
                .containsExactly("single-migration", "lock-released", "connection-headroom", "fresh-state");
    }

    @Test
    void theLinesJudgedAreTheMarkersInForceAndTheCausesOfAFailure() {
        Predicate<String> demo = BuiltInChecks.judgedLines(Spec.empty().withMarkers(Markers.preset("demo")));
        assertThat(demo).accepts("2026-12-01 10:00:00 INFO Ready on port 8080", "Caused by: java.net.ConnectException: refused",
                "Too many connections").rejects("GET /api/items 200", "Successfully applied 3 migrations");

        // neither markers nor a tool in the spec: the tool is found later, so any tool's markers may be in force
        Predicate<String> unknown = BuiltInChecks.judgedLines(Spec.empty().withLocal(new Spec.Local(List.of("app"), null, null)));
        assertThat(unknown).accepts("Successfully applied 3 migrations", "Waiting for changelog lock....",
                "Ready on port 8080").rejects("GET /api/items 200");

        Predicate<String> flyway = BuiltInChecks.judgedLines(Spec.empty().withLocal(new Spec.Local(List.of("app"), null, null))
                .withDatabase(new Spec.Database("app", null, "flyway", null, null)));
        assertThat(flyway).accepts("Successfully applied 3 migrations").rejects("Waiting for changelog lock....");
    }
}
