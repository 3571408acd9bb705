package io.batchops.server.errors;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Jersey's own refusals, which it would otherwise answer in plain text. The gateway routes by method
 * and path, so an unknown path and a method a path does not have are both its 404 APIGW.0101.
 */
public final class WebApplicationExceptionMapper extends ErrorResponses<WebApplicationException> {
    @Override
    protected ApiException translate(WebApplicationException failure, Family family, ContainerRequestContext request) {
        if (failure instanceof NotFoundException || failure instanceof NotAllowedException) {
            return ApiException.of(ErrorCode.GATEWAY_NO_SUCH_API);
        }
        if (failure instanceof NotSupportedException) {
            return ApiException.invalidInput(family, InputProblem.INVALID, "Content-Type",
                    "'" + request.getHeaderString("Content-Type") + "' is not supported; use application/json");
        }
        if (failure instanceof NotAcceptableException) {
            return ApiException.invalidInput(family, InputProblem.INVALID, "Accept",
                    "'" + request.getHeaderString("Accept") + "' cannot be met; responses are application/json");
        }
        if (failure.getResponse().getStatus() < 500) {
            return ApiException.invalidInput(family, InputProblem.INVALID, "request", failure.getMessage());
        }
        return UnexpectedExceptionMapper.internalError(failure, family, request);
    }
}
