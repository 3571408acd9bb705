package io.batchops.server.errors;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.glassfish.jersey.server.ParamException;

/**
 * Jersey's own refusals, which it would otherwise answer in plain text. The gateway routes by method
 * and path, so an unknown path and a method a path does not have are both its 404 APIGW.0101.
 */
public final class WebApplicationExceptionMapper extends ErrorResponses<WebApplicationException> {
    @Override
    protected ApiException translate(WebApplicationException failure, Family family, ContainerRequestContext request) {
        // Jersey answers a query or path value it cannot convert with 404; it is a bad value, not a missing API.
        if (failure instanceof ParamException param) {
            return ApiException.invalidInput(family, InputProblem.OUT_OF_RANGE, param.getParameterName(),
                    "'" + paramValue(request, param) + "' is not a valid value");
        }
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

    private static String paramValue(ContainerRequestContext request, ParamException param) {
        String value = param instanceof ParamException.QueryParamException
                ? request.getUriInfo().getQueryParameters().getFirst(param.getParameterName())
                : request.getUriInfo().getPathParameters().getFirst(param.getParameterName());
        return value == null ? "" : value;
    }
}
