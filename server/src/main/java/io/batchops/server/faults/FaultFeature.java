package io.batchops.server.faults;

import io.batchops.server.request.CloudApi;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Puts the {@link FaultFilter} in front of every service operation. */
public final class FaultFeature implements DynamicFeature {
    private final FaultFilter filter;

    public FaultFeature(Faults faults) {
        this.filter = new FaultFilter(faults);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(CloudApi.class)) {
            context.register(filter);
        }
    }
}
