package io.batchops.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A project of a principal's account, named as in the real cloud after its region ({@code cn-north-4})
 * or as a sub-project of one ({@code cn-north-4_name}); {@value #ANY_REGION} answers for any region
 * name. In the credentials file, a project given as its id alone is named {@value #ANY_REGION}.
 */
public record Project(@JsonProperty("id") String id, @JsonProperty("name") String name) {
    public static final String ANY_REGION = "*";

    @JsonCreator
    public Project(@JsonProperty("id") String id, @JsonProperty("name") String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("every project needs an id");
        }
        this.id = id;
        this.name = name == null || name.isBlank() ? ANY_REGION : name;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Project anyRegion(String id) {
        return new Project(id, ANY_REGION);
    }

    public boolean answersForAnyRegion() {
        return ANY_REGION.equals(name);
    }
}
