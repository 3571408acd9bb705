package io.batchops.server.iam;

import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * IAM answers its request id in {@code X-IAM-Trace-Id}, which the SDK quotes in its messages; bound
 * to {@link IamResource} only, so that no other request pays for it.
 */
public final class IamTraceIds implements DynamicFeature {
    public static final String HEADER = "X-IAM-Trace-Id";

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass() == IamResource.class) {
            context.register(TRACE_ID);
        }
    }

    private static final ContainerResponseFilter TRACE_ID = (ContainerRequestContext request,
            ContainerResponseContext response) -> response.getHeaders().putSingle(HEADER, Exchange.of(request).id());
}
