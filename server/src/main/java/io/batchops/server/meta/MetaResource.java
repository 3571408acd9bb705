package io.batchops.server.meta;

import io.batchops.admin.api.MetaApi;
import io.batchops.admin.model.Health;
import io.batchops.admin.model.Version;
import io.batchops.server.telemetry.Metrics;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /_batchops/health}, {@code /version} and {@code /metrics}: open to anyone, for probes and tools. */
public final class MetaResource implements MetaApi {
    /** Prometheus's text exposition format. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final Metrics metrics;

    public MetaResource(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response metrics() {
        return Response.ok(metrics.scrape(), PROMETHEUS_TEXT).build();
    }

    @Override
    public Response health() {
        return Response.ok(new Health().status(Health.StatusEnum.UP)).build();
    }

    @Override
    public Response version() {
        return Response.ok(new Version().version(Build.VERSION).apis(List.of("sms v3", "drs v3", "admin v1"))).build();
    }
}
