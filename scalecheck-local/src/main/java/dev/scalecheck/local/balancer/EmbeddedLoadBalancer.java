package dev.scalecheck.local.balancer;

import io.undertow.Undertow;
import io.undertow.attribute.ExchangeAttributes;
import io.undertow.predicate.Predicates;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real reverse proxy on a free 127.0.0.1 port (Undertow's LoadBalancingProxyClient), round
 * robin over the replicas, that finds out by itself which of them can serve, as HAProxy does with
 * {@code option httpchk}, {@code option redispatch} and {@code retries}:
 * <ul>
 *   <li>every backend starts in the rotation and is checked every second ({@link HealthChecks});
 *       it leaves the rotation after 2 failed checks in a row and comes back after 1 passed check
 *       (see {@link BackendChecker} for a backend that has not passed one yet);</li>
 *   <li>a request whose connection is refused goes to another backend, each backend tried once;</li>
 *   <li>each request goes on a new backend connection ({@code option http-server-close}): none is
 *       sent on a kept-alive connection that a stopping backend is closing at that moment, a
 *       failure the load balancer would cause, not the service;</li>
 *   <li>a request already sent to a backend that then fails is not sent again (not even a GET),
 *       and the client gets 503: only the service can say whether a request may be repeated.</li>
 * </ul>
 * The platform never tells it that a replica ended: finding out is what scenarios measure. It
 * counts the requests each backend was sent, as HAProxy's statistics do; health checks go to the
 * backends directly and are not counted. It writes nothing to stdout.
 */
public final class EmbeddedLoadBalancer implements AutoCloseable {
    static {
        // Undertow and XNIO log through JBoss Logging: to SLF4J (the CLI binds it to no-op), not to stderr via JUL
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }

    private final Undertow server;
    private final int port;
    private final CountingProxyClient counting;
    private final BackendChecker checker;

    private EmbeddedLoadBalancer(Undertow server, int port, CountingProxyClient counting, BackendChecker checker) {
        this.server = server;
        this.port = port;
        this.counting = counting;
        this.checker = checker;
    }

    /** Starts the proxy with every backend in the rotation, and its health checks. */
    public static EmbeddedLoadBalancer start(List<URI> backends, HealthChecks checks) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                // HAProxy queues a request for a busy server rather than refusing it: no 503 of the balancer's own under load
                .setConnectionsPerThread(64)
                .setMaxQueueSize(4096)
                .setProblemServerRetry(5)
                .setTtl((int) TimeUnit.SECONDS.toMillis(30));
        for (URI backend : backends) {
            client.addHost(backend);
        }
        CountingProxyClient counting = new CountingProxyClient(client);
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(2)
                .setWorkerThreads(8)
                .setHandler(ProxyHandler.builder()
                        .setProxyClient(counting)
                        .setMaxRequestTime(30_000)
                        // a refused connection is tried on each other backend (the client skips those it tried)
                        .setMaxConnectionRetries(Math.max(1, backends.size() - 1))
                        // Undertow would also repeat a GET or PUT whose backend failed after it was sent; HAProxy does not
                        .setIdempotentRequestPredicate(Predicates.falsePredicate())
                        .addRequestHeader(Headers.CONNECTION, ExchangeAttributes.constant("close"))
                        .build())
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        BackendChecker checker = BackendChecker.start(backends, checks, client::removeHost, client::addHost);
        return new EmbeddedLoadBalancer(server, port, counting, checker);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The backends in the rotation now. */
    public Set<URI> inRotation() {
        return checker.inRotation();
    }

    /** Requests sent to each backend so far, by the backend's port; health checks not counted. */
    public Map<Integer, Integer> answeredByPort() {
        return counting.counts();
    }

    /** Stops the health checks, then the proxy. */
    @Override
    public void close() {
        try {
            checker.close();
        } finally {
            server.stop();
        }
    }
}
