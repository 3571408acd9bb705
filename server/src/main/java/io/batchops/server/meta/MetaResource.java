package io.batchops.server.meta;

import io.batchops.admin.api.MetaApi;
import io.batchops.admin.model.Health;
import io.batchops.admin.model.Version;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/** {@code /_batchops/health} and {@code /_batchops/version}: open to anyone, for probes and tools. */
public final class MetaResource implements MetaApi {
    /** The build's version, which the build writes into {@code version.properties}. */
    public static final String VERSION = readVersion();

    private static String readVersion() {
        try (InputStream in = MetaResource.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(Objects.requireNonNull(in, "version.properties is part of the build"));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version", e);
        }
    }

    @Override
    public Response health() {
        return Response.ok(new Health().status(Health.StatusEnum.UP)).build();
    }

    @Override
    public Response version() {
        return Response.ok(new Version().version(VERSION).apis(List.of("sms v3", "drs v3", "admin v1"))).build();
    }
}
