package io.batchops.server.meta;

import io.batchops.admin.api.MetaApi;
import io.batchops.admin.model.Health;
import io.batchops.admin.model.Version;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /_batchops/health} and {@code /_batchops/version}: open to anyone, for probes and tools. */
public final class MetaResource implements MetaApi {
    /** The jar's version, or {@code dev} when run from classes. */
    private static final String VERSION = java.util.Optional.ofNullable(MetaResource.class.getPackage().getImplementationVersion())
            .orElse("dev");

    @Override
    public Response health() {
        return Response.ok(new Health().status(Health.StatusEnum.UP)).build();
    }

    @Override
    public Response version() {
        return Response.ok(new Version().version(VERSION).apis(List.of("sms v3", "drs v3", "admin v1"))).build();
    }
}
