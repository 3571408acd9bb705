package io.batchops.server.meta;

import io.batchops.admin.api.MetaApi;
import io.batchops.admin.model.DevelopmentPrincipal;
import io.batchops.admin.model.DrsRegionId;
import io.batchops.admin.model.Health;
import io.batchops.admin.model.SdkEnvironment;
import io.batchops.admin.model.SmsRegionId;
import io.batchops.admin.model.StoreHealth;
import io.batchops.admin.model.Version;
import io.batchops.server.auth.Credentials;
import io.batchops.server.errors.ErrorResponses;
import io.batchops.server.store.StoreCondition;
import io.batchops.server.telemetry.Metrics;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/** {@code /_batchops/health}, {@code /version}, {@code /metrics} and {@code /environment}: open to anyone, for probes and tools. */
public final class MetaResource implements MetaApi {
    /** Prometheus's text exposition format. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final Metrics metrics;
    private final Supplier<StoreCondition> store;
    private final boolean development;
    @Context
    private UriInfo uri;

    /**
     * {@code store}: the store's condition, read without touching its database; {@code development}: whether the
     * server runs the development principal, whose keys the environment then names.
     */
    public MetaResource(Metrics metrics, Supplier<StoreCondition> store, boolean development) {
        this.metrics = metrics;
        this.store = store;
        this.development = development;
    }

    @Override
    public Response environment() {
        String base = uri.getBaseUri().toString();
        SdkEnvironment environment = new SdkEnvironment().variables(SdkEndpoints.variables(base, development))
                .regionsFile(SdkEndpoints.regionsFile(base)).smsRegions(List.of(SmsRegionId.values()))
                .drsRegions(List.of(DrsRegionId.values()));
        if (development) {
            environment.developmentPrincipal(new DevelopmentPrincipal().name(Credentials.DEVELOPMENT_NAME)
                    .domainId(Credentials.DEVELOPMENT_DOMAIN).projectId(Credentials.DEVELOPMENT_PROJECT)
                    .token(Credentials.DEVELOPMENT_TOKEN).accessKey(Credentials.DEVELOPMENT_AK)
                    .secretKey(Credentials.DEVELOPMENT_SK));
        }
        return Response.ok(environment).build();
    }

    @Override
    public Response metrics() {
        return Response.ok(metrics.scrape(), PROMETHEUS_TEXT).build();
    }

    @Override
    public Response health() {
        StoreCondition condition = store.get();
        if (condition.up()) {
            return Response.ok(new Health().status(Health.StatusEnum.UP).store(new StoreHealth().status(StoreHealth.StatusEnum.UP))).build();
        }
        StoreHealth down = new StoreHealth().status(StoreHealth.StatusEnum.DOWN).reason(condition.reason())
                .since(condition.since().atOffset(ZoneOffset.UTC));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", ErrorResponses.RETRY_AFTER_SECONDS)
                .entity(new Health().status(Health.StatusEnum.DOWN).store(down)).build();
    }

    @Override
    public Response version() {
        return Response.ok(new Version().version(Build.VERSION).apis(List.of("sms v3", "drs v3", "iam v3", "admin v1"))).build();
    }
}
