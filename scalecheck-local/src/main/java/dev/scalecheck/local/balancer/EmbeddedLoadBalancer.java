package dev.scalecheck.local.balancer;

import io.undertow.Undertow;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real reverse proxy on a free 127.0.0.1 port (Undertow's LoadBalancingProxyClient): round
 * robin over the replicas; a replica that stops answering is taken out for a while and retried.
 * It counts the requests each backend answered, as HAProxy's statistics do.
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
    private final LoadBalancingProxyClient client;
    private final CountingProxyClient counting;

    private EmbeddedLoadBalancer(Undertow server, int port, LoadBalancingProxyClient client, CountingProxyClient counting) {
        this.server = server;
        this.port = port;
        this.client = client;
        this.counting = counting;
    }

    public static EmbeddedLoadBalancer start(List<URI> backends) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                .setConnectionsPerThread(8)
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
                .setHandler(ProxyHandler.builder().setProxyClient(counting).setMaxRequestTime(30_000).setMaxConnectionRetries(1).build())
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return new EmbeddedLoadBalancer(server, port, client, counting);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Takes a backend out of the rotation, as a platform drops a container that ended. */
    public void remove(URI backend) {
        client.removeHost(backend);
    }

    /** Requests each backend answered so far, by the backend's port. */
    public Map<Integer, Integer> answeredByPort() {
        return counting.counts();
    }

    @Override
    public void close() {
        server.stop();
    }
}
