package io.batchops.server.auth;

import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * How a request authenticated, or tried to, as the gateway's check ({@link AuthFilter}) left it in the
 * request's {@link Exchange}: the scheme, the access key that signed it, the principal its token or key
 * named (even when it was then refused), its tenant (the project in the path, else the principal's
 * account), why it was refused, and what the server signed when a signature did not match.
 */
public record Authentication(String scheme, String accessKey, Principal principal, String tenant, String refusal,
        SdkSignature.Computed signature) {
    public static final Exchange.Key<Authentication> KEY = Exchange.Key.named("authentication");

    /**
     * Whose records a request reaches: the project in its path, else its principal's account (as the
     * gateway's check found it); the path's project alone for an operation the gateway does not check.
     */
    public static String tenantOf(Exchange exchange, ContainerRequestContext request) {
        Authentication authentication = exchange.get(KEY);
        return authentication != null ? authentication.tenant
                : request.getUriInfo().getPathParameters().getFirst(AuthFilter.PROJECT_PARAMETER);
    }

    /** The authenticated caller of a request to an {@link Authenticated} operation. */
    public static Principal caller(Exchange exchange) {
        Authentication authentication = exchange.get(KEY);
        if (authentication == null || authentication.refusal != null) {
            throw new IllegalStateException("the request was not authenticated");
        }
        return authentication.principal;
    }
}
