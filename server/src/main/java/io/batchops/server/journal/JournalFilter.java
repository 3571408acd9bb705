package io.batchops.server.journal;

import io.batchops.server.auth.AuthFilter;
import io.batchops.server.auth.Principal;
import io.batchops.server.auth.SdkSignature;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.faults.FaultFilter;
import io.batchops.server.json.Json;
import io.batchops.server.json.NamedIds;
import io.batchops.server.request.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records each request to one service operation in the {@link Journal}: it notes the arrival before
 * authentication (the lowest priority runs first), keeps the body the operation read, and writes the
 * entry once the answer is final (the lowest priority also runs last on the way out).
 */
@Priority(100)
final class JournalFilter implements ContainerRequestFilter, ContainerResponseFilter, ReaderInterceptor {
    private static final String ARRIVED = JournalFilter.class.getName() + ".arrived";
    private static final String ARRIVED_AT = JournalFilter.class.getName() + ".arrivedAt";
    private static final String BODY = JournalFilter.class.getName() + ".body";

    private final Journal journal;
    private final Clock clock;
    private final String operation;

    JournalFilter(Journal journal, Clock clock, String operation) {
        this.journal = journal;
        this.clock = clock;
        this.operation = operation;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ARRIVED, System.nanoTime());
        request.setProperty(ARRIVED_AT, clock.instant());
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body != null) {
            context.setProperty(BODY, body);
        }
        return body;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object arrived = request.getProperty(ARRIVED);
        if (arrived == null) {
            return;
        }
        double latencyMs = (System.nanoTime() - (Long) arrived) / 1_000_000.0;
        Principal principal = AuthFilter.principalOf(request);
        MultivaluedMap<String, String> pathParameters = request.getUriInfo().getPathParameters();
        String project = pathParameters.getFirst("project_id");
        List<String> ids = new ArrayList<>();
        NamedIds.inPath(pathParameters, ids);
        boolean dropped = FaultFilter.droppedConnection(request);
        Object body = request.getProperty(BODY);
        if (body != null) {
            NamedIds.inEntity(body, ids);
        } else if (!dropped) {
            unreadBody(request, ids);
        }
        String errorCode = !dropped && response.getEntity() instanceof ErrorBody error ? error.errorCode() : null;
        SdkSignature.Computed signature = AuthFilter.signatureOf(request);
        URI uri = request.getUriInfo().getRequestUri();
        JournalEntry recorded = JournalEntryBuilder.builder()
                .at((Instant) request.getProperty(ARRIVED_AT)).requestId(RequestIds.of(request)).operation(operation)
                .method(request.getMethod()).path(uri.getRawPath()).query(uri.getRawQuery())
                .principal(principal == null ? null : principal.name()).auth(AuthFilter.schemeOf(request))
                .accessKey(AuthFilter.accessKeyOf(request)).refused(AuthFilter.refusalOf(request))
                .tenant(project != null ? project : principal == null ? null : principal.domainId())
                .ids(List.copyOf(ids)).status(dropped ? null : response.getStatus()).errorCode(errorCode)
                .latencyMs(latencyMs).fault(FaultFilter.firedFor(request))
                .signature(signature == null ? null : new JournalEntry.SignatureCheck(signature.canonicalRequest(),
                        signature.stringToSign()))
                .build();
        journal.record(recorded);
        request.setProperty(JournalEntry.PROPERTY, recorded);
    }

    /** The ids in a body the operation never read (the gateway refused the request first): read here, if JSON. */
    private static void unreadBody(ContainerRequestContext request, List<String> ids) {
        try {
            if (request.hasEntity()) {
                NamedIds.inBody(Json.MAPPER.readTree(request.getEntityStream()), ids);
            }
        } catch (IOException | RuntimeException notJson) {
            // Recorded without ids: what cannot be read names nothing.
        }
    }
}
