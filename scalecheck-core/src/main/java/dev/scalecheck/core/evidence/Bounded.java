package dev.scalecheck.core.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Calls that run at most {@code parallel} at a time ({@code probes.parallel}), all of them within
 * one deadline; answers come back in the order of the inputs. Each call keeps its own deadline
 * too (an HTTP timeout, a process deadline): this one only bounds the whole batch.
 */
public final class Bounded {
    private final int parallel;

    public Bounded(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("probes.parallel is " + parallel + "; expected at least 1");
        }
        this.parallel = parallel;
    }

    public int parallel() {
        return parallel;
    }

    /**
     * {@code call} on every input, at most {@link #parallel()} at once.
     *
     * @param late the answer for an input whose call did not end within {@code deadline} or threw
     * @throws InterruptedException when interrupted; calls under way are interrupted too
     */
    public <I, O> List<O> map(List<I> inputs, Function<I, O> call, Duration deadline, Function<String, O> late)
            throws InterruptedException {
        if (inputs.isEmpty()) {
            return List.of();
        }
        if (inputs.size() == 1 || parallel == 1) {
            List<O> answers = new ArrayList<>();
            for (I input : inputs) {
                answers.add(call.apply(input));
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted");
                }
            }
            return answers;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, inputs.size()), DAEMONS);
        try {
            List<java.util.concurrent.Callable<O>> tasks = inputs.stream()
                    .<java.util.concurrent.Callable<O>>map(input -> () -> call.apply(input)).toList();
            List<Future<O>> futures = pool.invokeAll(tasks, deadline.toMillis(), TimeUnit.MILLISECONDS);
            List<O> answers = new ArrayList<>(futures.size());
            for (Future<O> future : futures) {
                try {
                    answers.add(future.get());
                } catch (CancellationException e) {
                    answers.add(late.apply("no answer within " + deadline.toSeconds() + " s"));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    answers.add(late.apply(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
                }
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final ThreadFactory DAEMONS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "scalecheck-probe-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };
}
