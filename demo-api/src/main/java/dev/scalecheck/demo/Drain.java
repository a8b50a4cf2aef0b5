package dev.scalecheck.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests a replica is serving, and its way out on SIGTERM. Serving, then draining:
 * readiness answers 503 so load balancers take the replica out (their checks need a few
 * seconds) while every other request is still served; draining may end once no other request
 * has arrived for {@link #QUIET} and none is running, or at the drain timeout. Then closed: a
 * request that still arrives is refused with 503, and those running are waited for.
 */
final class Drain {
    static final Duration QUIET = Duration.ofSeconds(1);

    private enum State { SERVING, DRAINING, CLOSED }

    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger servedWhileDraining = new AtomicInteger();
    private volatile State state = State.SERVING;
    private volatile Instant drainStarted;
    private volatile Instant lastArrival = Instant.MIN;

    Drain(Clock clock) {
        this.clock = clock;
    }

    /**
     * A request arrives; it must call {@link #finish(boolean)} when answered.
     *
     * @param health a health or readiness probe: it neither keeps a draining replica up nor counts as served
     * @return false when the replica is closed and the request is to be refused
     */
    boolean arrive(boolean health) {
        inFlight.incrementAndGet();
        if (!health) {
            busy.incrementAndGet();
            lastArrival = clock.instant();
        }
        State now = state;
        if (now == State.DRAINING && !health) {
            servedWhileDraining.incrementAndGet();
        }
        return now != State.CLOSED;
    }

    void finish(boolean health) {
        if (!health) {
            busy.decrementAndGet();
        }
        inFlight.decrementAndGet();
    }

    /** From now on readiness says 503; everything else is still served. */
    void begin() {
        if (state == State.SERVING) {
            drainStarted = clock.instant();
            state = State.DRAINING;
        }
    }

    boolean draining() {
        return state != State.SERVING;
    }

    /**
     * Why draining may end now: no request for {@link #QUIET} and none running, or the timeout
     * passed since it began; empty while it must go on.
     */
    Optional<String> ended(Duration timeout) {
        Instant now = clock.instant();
        Instant started = drainStarted;
        if (started == null) {
            return Optional.empty();
        }
        if (!now.isBefore(started.plus(timeout))) {
            return Optional.of("drain timeout " + timeout.toSeconds() + " s");
        }
        Instant last = lastArrival.isAfter(started) ? lastArrival : started;
        if (busy.get() == 0 && !now.isBefore(last.plus(QUIET))) {
            return Optional.of("no request for " + QUIET.toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** How long draining has lasted. */
    Duration elapsed() {
        Instant started = drainStarted;
        return started == null ? Duration.ZERO : Duration.between(started, clock.instant());
    }

    /** Requests other than probes that arrived while draining. */
    int servedWhileDraining() {
        return servedWhileDraining.get();
    }

    /** Refuses every request from now on (503); those running go on. */
    void close() {
        state = State.CLOSED;
    }

    /** Waits until no request is running, up to the timeout; false when some still were. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
