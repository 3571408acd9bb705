package io.batchops.server.auth;

import io.batchops.server.request.Exchange;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Base of the service resources: their methods reach the request they serve, and its authenticated
 * caller, through the request's {@link Exchange}. Resources are singletons, so the request is looked up
 * per call (Jersey's provider), not injected once.
 */
public abstract class AuthenticatedResource {
    @Inject
    private Provider<ContainerRequestContext> requests;

    /** The context of the request this method serves. */
    protected final Exchange exchange() {
        return Exchange.of(requests.get());
    }

    /** The authenticated caller of the request this method serves. */
    protected final Principal caller() {
        return Authentication.caller(exchange());
    }
}
