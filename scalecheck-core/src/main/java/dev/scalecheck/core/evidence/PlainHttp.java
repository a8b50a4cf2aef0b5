package dev.scalecheck.core.evidence;

import dev.scalecheck.core.orchestrator.HttpAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP from scalecheck's own process, a deadline on every request: the load balancer, and replicas the host can reach. */
public final class PlainHttp {
    private final HttpClient http;
    private final Duration timeout;

    public PlainHttp(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A request with these headers (their values may be secret: none is ever printed). */
    public HttpAnswer send(String method, URI uri, String body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, publisher);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> answered = new HashMap<>();
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!header.getValue().isEmpty()) {
                    answered.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
                }
            }
            return new HttpAnswer(response.statusCode(), answered, response.body(), null);
        } catch (IOException e) {
            return HttpAnswer.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAnswer.failed("interrupted");
        }
    }
}
