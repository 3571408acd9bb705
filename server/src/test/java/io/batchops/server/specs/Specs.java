package io.batchops.server.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The specs of {@code openapi/}, read as YAML: a named schema, through a {@code $ref} to another spec. */
final class Specs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = Path.of(System.getProperty("batchops.openapi.dir", "../openapi"));

    private Specs() {
    }

    static JsonNode schema(String file, String name) {
        JsonNode schema = read(file).path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new AssertionError(file + " has no schema " + name);
        }
        String ref = schema.path("$ref").asText("");
        if (ref.isEmpty()) {
            return schema;
        }
        // Only the form the specs use: ./other.yaml#/components/schemas/Name.
        String[] parts = ref.split("#/components/schemas/");
        return schema(parts[0].isEmpty() ? file : parts[0].replace("./", ""), parts[1]);
    }

    /** The spec's description: its tables of error codes live there. */
    static String description(String file) {
        return read(file).path("info").path("description").asText();
    }

    /** The whole spec. */
    static JsonNode read(String file) {
        try {
            return YAML.readTree(DIR.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR.resolve(file).toAbsolutePath(), e);
        }
    }
}
