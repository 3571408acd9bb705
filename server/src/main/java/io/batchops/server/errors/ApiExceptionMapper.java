package io.batchops.server.errors;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Expected failures, raised as {@link ApiException} anywhere in the server. */
public final class ApiExceptionMapper extends ErrorResponses<ApiException> {
    @Override
    protected ApiException translate(ApiException failure, Family family, ContainerRequestContext request) {
        return failure;
    }
}
