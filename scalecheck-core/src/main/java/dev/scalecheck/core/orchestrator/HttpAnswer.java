package dev.scalecheck.core.orchestrator;

import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer, or the reason there was none.
 *
 * @param status the HTTP status, or -1 when no answer came
 * @param headers response headers, names in lower case, first value only
 * @param error why no answer came (connection refused, timeout), else null
 */
public record HttpAnswer(int status, Map<String, String> headers, String body, String error) {

    public HttpAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static HttpAnswer failed(String error) {
        return new HttpAnswer(-1, Map.of(), "", error);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** One line for a report: "503 {...}" or "no answer (Connection refused)". */
    public String describe() {
        if (status < 0) {
            return "no answer (" + error + ")";
        }
        String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return status + (shown.isBlank() ? "" : " " + shown.strip());
    }
}
