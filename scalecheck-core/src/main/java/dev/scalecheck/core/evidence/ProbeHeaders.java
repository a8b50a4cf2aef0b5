package dev.scalecheck.core.evidence;

import dev.scalecheck.core.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of every probe request: the spec's plain {@code probes.headers} and its one secret
 * header ({@code probes.auth}), read from the environment or a file when the run starts. The
 * secret's value is never printed: not in a message, a log or a report.
 */
public final class ProbeHeaders {
    private final Map<String, String> headers;

    private ProbeHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    public static ProbeHeaders none() {
        return new ProbeHeaders(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the variable or file (never its value) when the secret cannot be read
     */
    public static ProbeHeaders of(Spec.Probes probes) {
        Map<String, String> headers = new LinkedHashMap<>(probes.headers());
        Spec.Auth auth = probes.auth();
        if (auth != null) {
            headers.put(auth.header(), secret(auth));
        }
        return new ProbeHeaders(headers);
    }

    private static String secret(Spec.Auth auth) {
        if (auth.env() != null) {
            String value = System.getenv(auth.env());
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("probes.auth.env names '" + auth.env() + "', which is not set; export it "
                        + "with the whole header value (e.g. 'Bearer <token>')");
            }
            return value.strip();
        }
        try {
            return Files.readString(Path.of(auth.file())).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("probes.auth.file '" + auth.file() + "' cannot be read; put the whole header "
                    + "value in it (e.g. 'Bearer <token>')");
        }
    }

    /** The headers alone. */
    public Map<String, String> plain() {
        return headers;
    }

    /** The headers and a body's content type. */
    public Map<String, String> forBody(String contentType) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", contentType);
        return all;
    }

    @Override
    public String toString() {
        return "ProbeHeaders" + headers.keySet();
    }
}
