package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;
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
}
