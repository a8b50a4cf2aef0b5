package dev.scalecheck.compose;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request made by curl inside a replica's container. Headers (which may be secret) and
 * the body go in on stdin as curl's own config ({@code --config -}), never on the command line.
 */
public final class InContainerCurl {
    private InContainerCurl() {
    }

    /** curl's config for the request's headers and body, to be written to its stdin. */
    public static String config(String body, Map<String, String> headers) {
        StringBuilder config = new StringBuilder();
        headers.forEach((name, value) -> config.append("header = ").append(quoted(name + ": " + value)).append('\n'));
        if (body != null) {
            config.append("data-binary = ").append(quoted(body)).append('\n');
        }
        return config.toString();
    }

    /** The command run in the container; its output is read by {@link ComposeOutput#curl}. */
    public static List<String> command(String method, int port, String path) {
        return List.of("curl", "-s", "-i", "-m", "10", "-X", method, "--config", "-", "http://127.0.0.1:" + port + path);
    }

    /** A value in curl's config syntax: double-quoted, with backslash escapes. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }
}
