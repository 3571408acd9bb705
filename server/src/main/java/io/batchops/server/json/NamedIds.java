package io.batchops.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collection;
import java.util.List;

/**
 * The task, source server and job ids a service request names: in its path ({@code task_id},
 * {@code source_id}), in its body's {@code ids}, and in its body's {@code jobs} (ids, or entries
 * with a {@code job_id}). Fault rules match on them; the journal records them.
 */
public final class NamedIds {
    private static final List<String> PATH_PARAMETERS = List.of("task_id", "source_id");

    private NamedIds() {
    }

    public static void inPath(MultivaluedMap<String, String> pathParameters, Collection<String> into) {
        for (String parameter : PATH_PARAMETERS) {
            String id = pathParameters.getFirst(parameter);
            if (id != null) {
                into.add(id);
            }
        }
    }

    public static void inBody(JsonNode body, Collection<String> into) {
        body.path("ids").forEach(id -> into.add(id.asText()));
        for (JsonNode job : body.path("jobs")) {
            JsonNode id = job.isTextual() ? job : job.path("job_id");
            if (id.isTextual()) {
                into.add(id.asText());
            }
        }
    }
}
