package dev.scalecheck.core.scenario;

import dev.scalecheck.core.evidence.PlainHttp;
import dev.scalecheck.core.evidence.ProbeHeaders;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * After a scenario: every acknowledged item read back through the load balancer. An item whose
 * read answers anything but 2xx, after a few tries for answers that may be passing (no answer,
 * 5xx), is lost.
 */
final class ReadBack {
    private static final int READERS = 8;
    private static final int TRIES = 3;
    private static final Duration BETWEEN_TRIES = Duration.ofMillis(300);

    /** An acknowledged write that cannot be read back, with the last answer to its read. */
    record Lost(Operation write, String answer) {
        @Override
        public String toString() {
            return "#" + write.number() + " (" + write.phase() + ", " + write.read().getPath() + "): " + answer;
        }
    }

    private ReadBack() {
    }

    static List<Lost> lost(History history, ProbeHeaders headers) throws InterruptedException {
        PlainHttp http = new PlainHttp(Workload.REQUEST_TIMEOUT);
        ExecutorService readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "scalecheck-read-back");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Lost>> reads = new ArrayList<>();
            for (Operation write : history.acknowledged()) {
                reads.add(readers.submit(() -> read(http, headers, write)));
            }
            List<Lost> lost = new ArrayList<>();
            for (Future<Lost> read : reads) {
                try {
                    Lost missing = read.get();
                    if (missing != null) {
                        lost.add(missing);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("reading the workload's items back failed: " + e.getCause(), e.getCause());
                }
            }
            return lost;
        } finally {
            readers.shutdownNow();
        }
    }

    private static Lost read(PlainHttp http, ProbeHeaders headers, Operation write) throws InterruptedException {
        HttpAnswer answer = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            answer = http.send("GET", write.read(), null, headers.plain());
            if (answer.ok()) {
                return null;
            }
            if (answer.status() >= 0 && answer.status() < 500) {
                break;
            }
            Thread.sleep(BETWEEN_TRIES.toMillis());
        }
        return new Lost(write, answer.describe());
    }
}
