package io.batchops.server.auth;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;

/** Puts the {@link AuthFilter} in front of every resource marked {@link Authenticated}. */
public final class AuthFeature implements DynamicFeature {
    private final AuthFilter filter;

    public AuthFeature(Credentials credentials, Clock clock) {
        this.filter = new AuthFilter(credentials, clock);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(Authenticated.class)) {
            context.register(filter);
        }
    }
}
