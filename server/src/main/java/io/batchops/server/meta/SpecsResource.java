package io.batchops.server.meta;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.batchops.server.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /openapi/{name}.yaml}: the specs the server was built from, byte for byte; and
 * {@code /openapi/{name}.json}, the same in JSON, for pages that read their value lists.
 */
@Path("openapi")
public final class SpecsResource {
    private static final YAMLMapper YAML = new YAMLMapper();

    @GET
    @Path("{name: sms|drs|iam|admin}.json")
    @Produces("application/json")
    public byte[] specAsJson(@PathParam("name") String name) throws IOException {
        return Json.MAPPER.writeValueAsBytes(YAML.readTree(spec(name)));
    }

    @GET
    @Path("{name: sms|drs|iam|admin}.yaml")
    @Produces("application/yaml")
    public byte[] spec(@PathParam("name") String name) {
        try (InputStream spec = SpecsResource.class.getResourceAsStream("/openapi/" + name + ".yaml")) {
            if (spec == null) {
                throw new NotFoundException();
            }
            return spec.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
