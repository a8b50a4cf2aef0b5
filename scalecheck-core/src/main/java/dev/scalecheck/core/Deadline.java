package dev.scalecheck.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** A point in time after which a wait gives up; every wait in scalecheck has one. */
public final class Deadline {
    private final Clock clock;
    private final Instant end;

    private Deadline(Clock clock, Duration budget) {
        this.clock = clock;
        this.end = clock.instant().plus(budget);
    }

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock, budget);
    }

    public boolean expired() {
        return !clock.instant().isBefore(end);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Asks {@code probe} every {@code interval} until it answers or the deadline passes.
     *
     * @return the first answer, or empty when the deadline passed first
     */
    public <T> Optional<T> poll(Duration interval, Supplier<Optional<T>> probe) throws InterruptedException {
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent() || expired()) {
                return answer;
            }
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), remaining().toMillis())));
        }
    }
}
