package io.batchops.server.meta;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /openapi/{name}.yaml}: the specs the server was built from, byte for byte. */
@Path("openapi")
public final class SpecsResource {
    @GET
    @Path("{name: sms|drs|admin}.yaml")
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
