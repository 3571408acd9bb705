package io.batchops.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** An SMS source server: the machine being migrated, owned by an account (domain). */
public record SourceServer(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("state") SourceServerState state,
        @JsonProperty("connected") boolean connected) {
    public SourceServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domainId, "domain_id");
        Objects.requireNonNull(state, "state");
    }

    /** The service's constraint: a connected server in a busy state keeps its tasks. */
    public boolean blocksTaskDeletion() {
        return connected && state.blocksTaskDeletion();
    }
}
