package io.batchops.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A principal of a credentials file (the server's {@code --credentials} format), as the test acts as it. */
final class CredentialsFile {
    private CredentialsFile() {
    }

    /** The principal named {@code name}, or the first when {@code name} is null. */
    static Principal principal(Path file, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        for (JsonNode entry : root.path("principals")) {
            if (name != null && !name.equals(entry.path("name").asText(null))) {
                continue;
            }
            JsonNode project = entry.path("projects").path(0);
            JsonNode key = entry.path("access_keys").path(0);
            return new Principal(entry.path("name").asText(null), entry.path("domain_id").asText(null),
                    // A project is its id, or an object with its id and region name.
                    project.isObject() ? project.path("id").asText(null) : project.asText(null),
                    entry.path("tokens").path(0).asText(null), key.path("ak").asText(null), key.path("sk").asText(null));
        }
        throw new IllegalArgumentException(file + " has no principal" + (name == null ? "s" : " " + name));
    }
}
