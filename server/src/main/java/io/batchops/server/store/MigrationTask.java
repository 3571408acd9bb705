package io.batchops.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** An SMS migration task of one source server, owned by an account (domain). */
public record MigrationTask(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("source_id") String sourceId,
        @JsonProperty("state") TaskState state) {
    /** A task given without a state is READY, as a new task is. */
    public MigrationTask {
        state = state == null ? TaskState.READY : state;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domainId, "domain_id");
        Objects.requireNonNull(sourceId, "source_id");
        Objects.requireNonNull(state, "state");
    }
}
