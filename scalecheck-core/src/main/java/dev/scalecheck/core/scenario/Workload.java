package dev.scalecheck.core.scenario;

import dev.scalecheck.core.evidence.ProbeHeaders;
import dev.scalecheck.core.evidence.StateRequests;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.spec.Spec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios' workload: creates through the load balancer with {@code probes.state}, sent at a
 * fixed rate whatever the answers take (so a slow phase does not hide its own slowness), each
 * request's outcome kept in order. Bounded in count ({@code workload.maxRequests}) and in time
 * (every request has a deadline); it talks only to the load balancer's address on this machine.
 */
public final class Workload {
    /** A request that takes longer than this has failed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Spec.State probe;
    private final URI balancer;
    private final ProbeHeaders headers;
    private final Clock clock;
    private final int maxRequests;
    private final Duration interval;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Operation> done = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> inFlight = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final Thread sender;
    private volatile String phase;
    private volatile boolean running = true;

    private Workload(Spec spec, URI balancer, ProbeHeaders headers, Clock clock, String phase) {
        this.probe = spec.probes().state();
        this.balancer = balancer;
        this.headers = headers;
        this.clock = clock;
        this.maxRequests = spec.workload().maxRequests();
        this.interval = Duration.ofNanos(1_000_000_000L / spec.workload().rate());
        this.phase = phase;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.sender = new Thread(this::send, "scalecheck-workload");
        this.sender.setDaemon(true);
    }

    /** Why the spec gives the workload nothing to send, or empty when it can run. */
    public static Optional<String> unavailable(Spec spec) {
        Spec.State probe = spec.probes().state();
        return probe == null || probe.create() == null ? Optional.of("no workload to send: set probes.state.create "
                + "(a POST that stores something) and, unless its answer has a Location header, probes.state.read with {id}")
                : Optional.empty();
    }

    /** Starts sending at once, the first requests labelled {@code phase}. */
    public static Workload start(Spec spec, URI balancer, ProbeHeaders headers, Clock clock, String phase) {
        Workload workload = new Workload(spec, balancer, headers, clock, phase);
        workload.sender.start();
        return workload;
    }

    /** Labels the requests sent from now on. */
    public void phase(String name) {
        phase = name;
    }

    /** How many requests were sent so far. */
    public long sent() {
        return sent.get();
    }

    /** When the latest failed request sent at or after {@code since} ended, if any has failed. */
    public Optional<Instant> lastFailureSince(Instant since) {
        return done.stream().filter(op -> !op.acknowledged() && !op.sent().isBefore(since))
                .map(op -> op.sent().plus(op.latency())).max(Instant::compareTo);
    }

    /** Stops sending, waits for the requests in flight (each has its own deadline) and returns the history. */
    public History stop() throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(REQUEST_TIMEOUT.toMillis());
        for (CompletableFuture<Void> request : inFlight) {
            try {
                request.get(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // recorded as a failure by the request itself; a hung one is left to its own timeout
            }
        }
        List<Operation> operations = new ArrayList<>(done);
        operations.sort(java.util.Comparator.comparingLong(Operation::number));
        return new History(operations);
    }

    /** Sends one request per interval, catching up after a stall rather than drifting. */
    private void send() {
        long next = System.nanoTime();
        while (running && sent.get() < maxRequests) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            inFlight.add(create(sent.incrementAndGet(), phase));
            inFlight.removeIf(CompletableFuture::isDone);
            next += interval.toNanos();
        }
    }

    private CompletableFuture<Void> create(long number, String label) {
        HttpRequest.Builder request = HttpRequest.newBuilder(balancer.resolve(probe.create())).timeout(REQUEST_TIMEOUT)
                .POST(probe.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(probe.body()));
        headers.forBody(StateRequests.contentType(probe)).forEach(request::header);
        Instant at = clock.instant();
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (error != null) {
                done.add(new Operation(number, label, at, latency, -1, null, "no answer (" + describe(error) + ")"));
                return null;
            }
            HttpAnswer answer = answer(response);
            if (!answer.ok()) {
                done.add(new Operation(number, label, at, latency, answer.status(), null, failure(answer)));
                return null;
            }
            Optional<URI> read = StateRequests.readOf(probe, answer, balancer);
            done.add(new Operation(number, label, at, latency, answer.status(), read.orElse(null),
                    read.isPresent() ? null : answer.status() + " without an id to read it back"));
            return null;
        });
    }

    /**
     * "503", or "503 {"status":"shutting_down"}": the status and the start of the body, which tells
     * who refused; numbers in the body read N, so that failures of one cause are counted together.
     */
    static String failure(HttpAnswer answer) {
        String body = answer.body().strip().lines().findFirst().orElse("").replaceAll("\\d+", "N");
        return answer.status() + (body.isEmpty() ? "" : " " + (body.length() > 60 ? body.substring(0, 60) + "..." : body));
    }

    static HttpAnswer answer(HttpResponse<String> response) {
        Map<String, String> answered = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                answered.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new HttpAnswer(response.statusCode(), answered, response.body(), null);
    }

    /** "connection reset", "timed out": the cause's own words, without the exception class names around them. */
    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out after " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (message == null || message.isBlank()) {
            return cause instanceof IOException ? "connection closed" : cause.getClass().getSimpleName();
        }
        return message.toLowerCase(Locale.ROOT).startsWith("java.") ? cause.getClass().getSimpleName() : message;
    }
}
