package io.batchops.server.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Tells each request to a service operation ({@link CloudApi}) which operation it reached, its
 * operationId (the method's name), before authentication; and notes the ids of the model the
 * operation reads, so that no later stage parses the body again.
 */
public final class Operations implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(CloudApi.class)) {
            context.register(new Reached(resource.getResourceMethod().getName()));
        }
    }

    @Priority(100)
    private static final class Reached implements ContainerRequestFilter, ReaderInterceptor {
        private final String operation;

        Reached(String operation) {
            this.operation = operation;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Exchange.of(request).reached(operation);
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            Object model = context.proceed();
            if (model != null) {
                Exchange.of(context).read(model);
            }
            return model;
        }
    }
}
