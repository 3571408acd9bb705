package io.batchops.server.auth;

import io.batchops.server.auth.AdminFilter;
import io.batchops.server.auth.AdminOnly;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.time.Clock;

/**
 * Puts the {@link AuthFilter} in front of every resource marked {@link Authenticated}, and the
 * {@link AdminFilter} in front of every resource marked {@link AdminOnly}: the services' credentials
 * never open the control API, nor the other way round.
 */
public final class AuthFeature implements DynamicFeature {
    private final AuthFilter tenants;
    private final AdminFilter admin;

    public AuthFeature(Identities identities, Clock clock, String adminToken) {
        this.tenants = new AuthFilter(identities, clock);
        this.admin = new AdminFilter(adminToken);
    }

    /** Whether the resource class's own method (the interface's carries the path, not this mark) is marked. */
    private static boolean authenticated(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        try {
            return resource.getResourceClass().getMethod(method.getName(), method.getParameterTypes())
                    .isAnnotationPresent(Authenticated.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(Authenticated.class) || authenticated(resource)) {
            context.register(tenants);
        }
        if (resource.getResourceClass().isAnnotationPresent(AdminOnly.class)) {
            context.register(admin);
        }
    }
}
