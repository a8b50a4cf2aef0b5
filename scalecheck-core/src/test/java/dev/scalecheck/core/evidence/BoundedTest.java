package dev.scalecheck.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void neverRunsMoreThanTheCapAtOnceAndAnswersInInputOrder() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch fourIn = new CountDownLatch(4);
        List<Integer> inputs = IntStream.range(0, 40).boxed().toList();

        List<Integer> answers = new Bounded(4).map(inputs, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            fourIn.countDown();
            try {
                // the first four wait for each other: proof that four do run at once
                fourIn.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return i * 2;
        }, Duration.ofSeconds(30), why -> -1);

        assertThat(answers).isEqualTo(inputs.stream().map(i -> i * 2).toList());
        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void aCallThatThrowsOrOutlivesTheDeadlineGetsTheLateAnswer() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<String> answers = new Bounded(2).map(List.of("fine", "boom", "hang"), input -> {
            if (input.equals("boom")) {
                throw new IllegalStateException("refused");
            }
            if (input.equals("hang")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return input;
        }, Duration.ofMillis(300), why -> "late: " + why);

        assertThat(answers).containsExactly("fine", "late: refused", "late: no answer within 0 s");
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> new Bounded(0)).hasMessageContaining("probes.parallel is 0; expected at least 1");
    }
}
