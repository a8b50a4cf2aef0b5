package dev.scalecheck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a draining replica may stop, on a clock the test moves. */
class DrainTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final MovableClock clock = new MovableClock();
    private final Drain drain = new Drain(clock);

    @Test
    void aQuietReplicaEndsOneSecondAfterTheDrainBegins() {
        drain.begin();
        clock.advance(Duration.ofMillis(999));
        assertThat(drain.ended(TIMEOUT)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(drain.ended(TIMEOUT)).hasValue("no request for 1 s");
        assertThat(drain.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachRequestThatArrivesKeepsItUpForAnotherSecondAndIsCounted() {
        drain.begin();
        clock.advance(Duration.ofMillis(800));
        assertThat(drain.arrive(false)).isTrue();
        drain.finish(false);
        clock.advance(Duration.ofMillis(900));
        assertThat(drain.ended(TIMEOUT)).isEmpty();
        clock.advance(Duration.ofMillis(100));
        assertThat(drain.ended(TIMEOUT)).hasValue("no request for 1 s");
        assertThat(drain.servedWhileDraining()).isOne();
    }

    @Test
    void probesNeitherKeepItUpNorCount() {
        drain.begin();
        clock.advance(Duration.ofMillis(900));
        assertThat(drain.arrive(true)).isTrue();
        drain.finish(true);
        clock.advance(Duration.ofMillis(100));
        assertThat(drain.ended(TIMEOUT)).hasValue("no request for 1 s");
        assertThat(drain.servedWhileDraining()).isZero();
    }

    @Test
    void aRequestStillRunningKeepsItUp() {
        drain.begin();
        assertThat(drain.arrive(false)).isTrue();
        clock.advance(Duration.ofSeconds(3));
        assertThat(drain.ended(TIMEOUT)).isEmpty();
        drain.finish(false);
        assertThat(drain.ended(TIMEOUT)).hasValue("no request for 1 s");
    }

    @Test
    void steadyTrafficEndsAtTheDrainTimeout() {
        drain.begin();
        for (int i = 0; i < 99; i++) {
            clock.advance(Duration.ofMillis(100));
            drain.arrive(false);
            drain.finish(false);
            assertThat(drain.ended(TIMEOUT)).isEmpty();
        }
        clock.advance(Duration.ofMillis(100));
        assertThat(drain.ended(TIMEOUT)).hasValue("drain timeout 10 s");
        assertThat(drain.servedWhileDraining()).isEqualTo(99);
    }

    @Test
    void requestsBeforeTheDrainAreNotCountedAndNothingEndsBeforeItBegins() {
        drain.arrive(false);
        drain.finish(false);
        assertThat(drain.draining()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(drain.ended(TIMEOUT)).isEmpty();
        drain.begin();
        assertThat(drain.draining()).isTrue();
        assertThat(drain.servedWhileDraining()).isZero();
    }

    @Test
    void onceClosedRequestsAreRefused() throws Exception {
        drain.begin();
        assertThat(drain.arrive(false)).isTrue();
        drain.close();
        assertThat(drain.arrive(false)).isFalse();
        drain.finish(false);
        assertThat(drain.awaitIdle(Duration.ZERO)).as("one request still running").isFalse();
        drain.finish(false);
        assertThat(drain.awaitIdle(Duration.ZERO)).isTrue();
    }

    /** A clock that moves only when told. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T08:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
