package dev.scalecheck.local.balancer;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy client that counts the requests sent to each backend, by the backend's port: the
 * load balancer's own per-backend statistics, as HAProxy keeps them. A request counts when it is
 * given its backend connection, before it is forwarded, so the count is in place by the time the
 * client has its answer.
 */
final class CountingProxyClient implements ProxyClient {
    private final ProxyClient delegate;
    private final Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();

    CountingProxyClient(ProxyClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return delegate.findTarget(exchange);
    }

    @Override
    public List<ProxyTarget> getAllTargets() {
        return delegate.getAllTargets();
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback, long timeout,
            TimeUnit unit) {
        delegate.getConnection(target, exchange, new ProxyCallback<>() {
            @Override
            public void completed(HttpServerExchange done, ProxyConnection connection) {
                SocketAddress peer = connection.getConnection().getPeerAddress();
                if (peer instanceof InetSocketAddress address) {
                    // counted before the request goes on, so the count is there when its answer arrives
                    answered.computeIfAbsent(address.getPort(), port -> new AtomicInteger()).incrementAndGet();
                }
                callback.completed(done, connection);
            }

            @Override
            public void failed(HttpServerExchange failed) {
                callback.failed(failed);
            }

            @Override
            public void couldNotResolveBackend(HttpServerExchange unresolved) {
                callback.couldNotResolveBackend(unresolved);
            }

            @Override
            public void queuedRequestFailed(HttpServerExchange queued) {
                callback.queuedRequestFailed(queued);
            }
        }, timeout, unit);
    }

    /** Requests answered so far, by backend port. */
    Map<Integer, Integer> counts() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        answered.forEach((port, count) -> counts.put(port, count.get()));
        return counts;
    }
}
