package dev.scalecheck.local.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Active health checks of the load balancer's backends, each on its own schedule: a new
 * connection per check, {@code GET <path> HTTP/1.0}, a 2xx or 3xx status passes (HAProxy's
 * {@code httpchk}). {@code fall} failures in a row take a backend out of the rotation,
 * {@code rise} passes in a row put it back.
 *
 * <p>A backend is judged only once it has passed a check: until then it stays in the rotation
 * whatever its checks say, as Docker does not count failures within a healthcheck's start period.
 * Replicas answer 503 while they migrate, and the run sends requests through the load balancer as
 * soon as each replica's own endpoint says ready: a replica taken out during its start-up would
 * miss those until its next check.
 */
final class BackendChecker implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?");
    private static final int MAX_THREADS = 8;

    private final HealthChecks checks;
    private final Consumer<URI> remove;
    private final Consumer<URI> add;
    private final Map<URI, State> states = new LinkedHashMap<>();
    private final ScheduledExecutorService executor;

    private BackendChecker(List<URI> backends, HealthChecks checks, Consumer<URI> remove, Consumer<URI> add) {
        this.checks = checks;
        this.remove = remove;
        this.add = add;
        backends.forEach(backend -> states.put(backend, new State()));
        this.executor = Executors.newScheduledThreadPool(Math.max(1, Math.min(MAX_THREADS, backends.size())), task -> {
            Thread thread = new Thread(task, "load-balancer-health-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts checking {@code backends}, all of them in the rotation now.
     *
     * @param remove takes a backend out of the rotation
     * @param add puts it back
     */
    static BackendChecker start(List<URI> backends, HealthChecks checks, Consumer<URI> remove, Consumer<URI> add) {
        BackendChecker checker = new BackendChecker(backends, checks, remove, add);
        long interval = checks.interval().toMillis();
        for (URI backend : backends) {
            checker.executor.scheduleAtFixedRate(() -> checker.check(backend), interval, interval, TimeUnit.MILLISECONDS);
        }
        return checker;
    }

    synchronized Set<URI> inRotation() {
        Set<URI> in = new LinkedHashSet<>();
        states.forEach((backend, state) -> {
            if (state.inRotation) {
                in.add(backend);
            }
        });
        return in;
    }

    private void check(URI backend) {
        boolean passed = passes(backend);
        State state;
        synchronized (this) {
            state = states.get(backend);
            if (passed) {
                state.failures = 0;
                state.passes++;
                state.seenUp = true;
                if (!state.inRotation && state.passes >= checks.rise()) {
                    state.inRotation = true;
                    add.accept(backend);
                }
            } else {
                state.passes = 0;
                state.failures++;
                if (state.inRotation && state.seenUp && state.failures >= checks.fall()) {
                    state.inRotation = false;
                    remove.accept(backend);
                }
            }
        }
    }

    /** One check: a new connection, and with a path a GET on it answered 2xx or 3xx, all within the timeout. */
    private boolean passes(URI backend) {
        int timeout = (int) Math.max(1, checks.timeout().toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(backend.getHost(), backend.getPort()), timeout);
            if (checks.path() == null) {
                return true;
            }
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + checks.path() + " HTTP/1.0\r\nHost: " + backend.getHost() + ":" + backend.getPort()
                    + "\r\nUser-Agent: scalecheck-health-check\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Matcher status = STATUS.matcher(statusLine(socket.getInputStream()));
            if (!status.matches()) {
                return false;
            }
            int code = Integer.parseInt(status.group(1));
            return code >= 200 && code < 400;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < 1024) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Stops checking; returns once no check runs. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(checks.timeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class State {
        boolean inRotation = true;
        boolean seenUp;
        int failures;
        int passes;
    }
}
