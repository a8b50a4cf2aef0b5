package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

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
}
