package io.batchops.server.errors;

import io.batchops.server.request.Exchange;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Base of every exception mapper: a family of failures is translated to an {@link ApiException},
 * which is written here, the one place that knows the error envelope.
 */
public abstract class ErrorResponses<E extends Throwable> implements ExceptionMapper<E> {
    /** When a client should try a 503 again: the store tries its database twice a second. */
    public static final int RETRY_AFTER_SECONDS = 1;

    // Mappers are singletons: the request must be looked up per call, not injected once.
    @Inject
    private Provider<ContainerRequestContext> requests;

    /** The failure as the service would report it, for a request to a path of {@code family}. */
    protected abstract ApiException translate(E failure, Family family, ContainerRequestContext request);

    @Override
    public final Response toResponse(E failure) {
        ContainerRequestContext request = requests.get();
        Family family = Family.of(request);
        ApiException error = translate(failure, family, request);
        Language language = Language.lenient(request.getHeaderString(Language.HEADER));
        Response.ResponseBuilder response = Response.status(error.code().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(error, language, Exchange.of(request).id()));
        if (error.code().status() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
