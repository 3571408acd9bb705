package io.batchops.server.auth;

import io.batchops.server.request.Exchange;

/**
 * How a request authenticated, or tried to, as the gateway's check ({@link AuthFilter}) left it in the
 * request's {@link Exchange}: the scheme, the access key that signed it, the principal its token or key
 * named (even when it was then refused), its tenant (the project in the path, else the principal's
 * account), why it was refused, and what the server signed when a signature did not match.
 */
public record Authentication(String scheme, String accessKey, Principal principal, String tenant, String refusal,
        SdkSignature.Computed signature) {
    public static final Exchange.Key<Authentication> KEY = Exchange.Key.named("authentication");

    /** The authenticated caller of a request to an {@link Authenticated} operation. */
    public static Principal caller(Exchange exchange) {
        Authentication authentication = exchange.get(KEY);
        if (authentication == null || authentication.refusal != null) {
            throw new IllegalStateException("the request was not authenticated");
        }
        return authentication.principal;
    }
}
