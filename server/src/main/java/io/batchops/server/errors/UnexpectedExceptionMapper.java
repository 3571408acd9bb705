package io.batchops.server.errors;

import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Anything else is a bug: logged with the request id, answered 500 with that id as the reference and
 * nothing more (no stack trace or internal message on the wire).
 */
public final class UnexpectedExceptionMapper extends ErrorResponses<Throwable> {
    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    protected ApiException translate(Throwable failure, Family family, ContainerRequestContext request) {
        return internalError(failure, family, request);
    }

    static ApiException internalError(Throwable failure, Family family, ContainerRequestContext request) {
        String reference = Exchange.of(request).id();
        LOG.log(System.Logger.Level.ERROR, "Unexpected failure serving request " + reference, failure);
        return ApiException.of(ErrorCode.internal(family), reference);
    }
}
