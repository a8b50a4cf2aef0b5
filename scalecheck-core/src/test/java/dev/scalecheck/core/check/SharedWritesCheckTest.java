package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.evidence.SharedWrites;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedWritesCheckTest {
    private final Check check = new SharedWritesCheck();

    @Test
    void namesTheReplicaThatCannotWriteAndNotTheReadsOfItsMissingFile() {
        SharedWrites healthy = Fixtures.writes(4);
        List<SharedWrites.Attempt> writes = new ArrayList<>(healthy.writes());
        writes.set(1, new SharedWrites.Attempt("api-2", "api-2", "token-2", false, "500 permission denied"));
        List<SharedWrites.Attempt> reads = healthy.reads().stream().map(r -> r.owner().equals("api-2")
                ? new SharedWrites.Attempt(r.replica(), r.owner(), r.file(), false, "404") : r).toList();
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), new SharedWrites(writes, reads, null)));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("api-2 could not write token-2: 500 permission denied");
        assertThat(result.details()).hasSize(1);
    }

    @Test
    void namesAReaderThatSeesADifferentFile() {
        SharedWrites healthy = Fixtures.writes(2);
        List<SharedWrites.Attempt> reads = new ArrayList<>(healthy.reads());
        reads.set(1, new SharedWrites.Attempt("api-1", "api-2", "token-2", false, "404 not found"));
        CheckResult result = check.evaluate(Fixtures.with(Fixtures.healthyEvidence(), new SharedWrites(healthy.writes(), reads, null)));
        assertThat(result.summary()).isEqualTo("api-1 could not read api-2's token-2: 404 not found");
    }
}
