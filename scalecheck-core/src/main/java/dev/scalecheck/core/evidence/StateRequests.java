package dev.scalecheck.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalecheck.core.orchestrator.HttpAnswer;
import dev.scalecheck.core.spec.Spec;
import java.net.URI;
import java.util.Optional;

/**
 * How the state probe ({@code probes.state}) creates something and finds it again: the one
 * reader of a create's answer, for the cross-replica-state check and the scenarios' workload.
 */
public final class StateRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateRequests() {
    }

    /** The create's content type: the spec's, else JSON for a body that is a JSON object, else plain text. */
    public static String contentType(Spec.State probe) {
        if (probe.contentType() != null) {
            return probe.contentType();
        }
        return probe.body() != null && probe.body().strip().startsWith("{") ? "application/json" : "text/plain";
    }

    /** The created thing's id: the {@code idField} of the answer, else the Location's last segment, else a field {@code id}. */
    public static String idOf(Spec.State probe, HttpAnswer created) {
        if (probe.idField() != null) {
            return field(created.body(), probe.idField());
        }
        Optional<String> location = created.header("Location");
        if (location.isPresent()) {
            String path = URI.create(location.get()).getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
        return field(created.body(), "id");
    }

    /** Where to read the created thing back, relative to {@code base}: {@code read} with its id, else the Location. */
    public static Optional<URI> readOf(Spec.State probe, HttpAnswer created, URI base) {
        String id = idOf(probe, created);
        return probe.read() != null ? Optional.ofNullable(id).map(known -> base.resolve(probe.read().replace("{id}", known)))
                : created.header("Location").map(base::resolve);
    }

    /** Why a successful create cannot be read back, for a report. */
    public static String noId(Spec.State probe, HttpAnswer created) {
        return "POST " + probe.create() + " answered with no id: no "
                + (probe.idField() != null ? "'" + probe.idField() + "' field" : "Location header and no 'id' field")
                + " in " + created.describe() + "; set probes.state.idField";
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = JSON.readTree(body).path(name);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        } catch (Exception e) {
            return null;
        }
    }
}
