package io.batchops.server.meta;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** What a client may ask without credentials: whether the server is up, and its contract. */
@Path("/")
public final class MetaResource {
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    /** The specs the server was built from, byte for byte. */
    @GET
    @Path("openapi/{name: sms|drs}.yaml")
    @Produces("application/yaml")
    public byte[] spec(@PathParam("name") String name) {
        try (InputStream spec = MetaResource.class.getResourceAsStream("/openapi/" + name + ".yaml")) {
            if (spec == null) {
                throw new NotFoundException();
            }
            return spec.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
