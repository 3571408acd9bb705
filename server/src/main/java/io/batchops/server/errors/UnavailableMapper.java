package io.batchops.server.errors;

import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The store cannot serve for a while (its database lost, its disk full): 503 with the family's code
 * and {@code Retry-After}, and one log line with the request's reference and the store's reason
 * (no stack trace: every request fails the same way until the store serves again).
 */
public final class UnavailableMapper extends ErrorResponses<UnavailableException> {
    private static final System.Logger LOG = System.getLogger("batchops.store");

    @Override
    protected ApiException translate(UnavailableException failure, Family family, ContainerRequestContext request) {
        String reference = Exchange.of(request).id();
        LOG.log(System.Logger.Level.WARNING, "Request " + reference + " answered 503: " + failure.getMessage());
        return ApiException.of(ErrorCode.unavailable(family), reference);
    }
}
