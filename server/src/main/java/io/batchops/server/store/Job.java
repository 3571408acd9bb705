package io.batchops.server.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A DRS job (task) of one project. {@code settlesTo}, when set, is the status a transition under way
 * reaches before the next request sees the job (RELEASE_RESOURCE_STARTED settles to
 * RELEASE_RESOURCE_COMPLETE).
 */
public record Job(
        @JsonProperty("id") String id,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("name") String name,
        @JsonProperty("status") JobStatus status,
        @JsonIgnore JobStatus settlesTo,
        @JsonProperty("role") JobRole role,
        @JsonProperty("dual_active") boolean dualActive) {
    /** A job given without a role stands alone. */
    public Job {
        role = role == null ? JobRole.STANDALONE : role;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "project_id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(role, "role");
    }

    public Job withStatus(JobStatus newStatus, JobStatus newSettlesTo) {
        return new Job(id, projectId, name, newStatus, newSettlesTo, role, dualActive);
    }

    /** The job once its transition under way, if any, has completed. */
    public Job settled() {
        return settlesTo == null ? this : withStatus(settlesTo, null);
    }
}
