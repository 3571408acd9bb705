package io.batchops.server.faults;

import io.batchops.server.auth.CloudApi;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Puts a {@link FaultFilter} in front of every service operation, knowing its operationId (the method's name). */
public final class FaultFeature implements DynamicFeature {
    private final Faults faults;

    public FaultFeature(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(CloudApi.class)) {
            context.register(new FaultFilter(faults, resource.getResourceMethod().getName()));
        }
    }
}
