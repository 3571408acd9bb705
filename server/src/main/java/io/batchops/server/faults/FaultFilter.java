package io.batchops.server.faults;

import io.batchops.server.auth.AuthFilter;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.errors.Language;
import io.batchops.server.gateway.GatewayGuard;
import io.batchops.server.json.Json;
import io.batchops.server.json.NamedIds;
import io.batchops.server.request.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the fault rules of one service operation, after the caller is authenticated: the first
 * rule that matches the request and fires answers it (or delays, or drops it), before the service
 * sees it. The DRS batches' per-job failures are handed to the resource through {@link #jobFailures()}.
 */
@Priority(Priorities.AUTHORIZATION)
public final class FaultFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The per-job failures of the request this thread serves (as AuthFilter's caller, one thread per request). */
    private static final ThreadLocal<Map<String, ApiException>> JOB_FAILURES = new ThreadLocal<>();
    /** The rule that fired for a request, and whether it dropped the connection: request properties the journal reads. */
    private static final String FIRED = FaultFilter.class.getName() + ".fired";
    private static final String DROPPED = FaultFilter.class.getName() + ".dropped";

    private final Faults faults;
    private final String operation;

    FaultFilter(Faults faults, String operation) {
        this.faults = faults;
        this.operation = operation;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        JOB_FAILURES.remove();
        List<ActiveFault> rules = faults.about(operation);
        if (rules.isEmpty()) {
            return;
        }
        Principal caller = AuthFilter.caller();
        String project = request.getUriInfo().getPathParameters().getFirst("project_id");
        String tenant = project != null ? project : caller.domainId();
        Set<String> named = rules.stream().anyMatch(rule -> rule.ids() != null) ? named(request) : Set.of();
        for (ActiveFault rule : rules) {
            if (rule.matches(caller.name(), tenant, named) && rule.fires()) {
                apply(rule, request, named);
                return;
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        JOB_FAILURES.remove();
    }

    /** The jobs of this thread's request that a fault fails, by id; most often none. */
    public static Map<String, ApiException> jobFailures() {
        Map<String, ApiException> failures = JOB_FAILURES.get();
        return failures == null ? Map.of() : failures;
    }

    /** The id of the fault rule that fired for a request, or null. */
    public static String firedFor(ContainerRequestContext request) {
        return (String) request.getProperty(FIRED);
    }

    /** Whether a fault closed the request's connection without an answer. */
    public static boolean droppedConnection(ContainerRequestContext request) {
        return request.getProperty(DROPPED) != null;
    }

    private void apply(ActiveFault rule, ContainerRequestContext request, Set<String> named) {
        request.setProperty(FIRED, rule.id());
        if (rule.latencyMs() > 0) {
            try {
                Thread.sleep(rule.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (rule.dropsConnection()) {
            GatewayGuard.dropConnection();
            request.setProperty(DROPPED, Boolean.TRUE);
            request.abortWith(Response.noContent().build());
        } else if (rule.answer() != null) {
            ActiveFault.Answer answer = rule.answer();
            Language language = Language.lenient(request.getHeaderString(Language.HEADER));
            Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(answer.error(), language, RequestIds.of(request)));
            if (answer.retryAfterSeconds() != null) {
                response.header("Retry-After", answer.retryAfterSeconds());
            }
            request.abortWith(response.build());
        } else if (rule.jobFailure() != null) {
            Map<String, ApiException> failures = new HashMap<>();
            rule.ids().stream().filter(named::contains).forEach(id -> failures.put(id, rule.jobFailure()));
            JOB_FAILURES.set(failures);
        }
    }

    /** The ids a request names (see {@link NamedIds}). */
    private static Set<String> named(ContainerRequestContext request) throws IOException {
        Set<String> named = new HashSet<>();
        NamedIds.inPath(request.getUriInfo().getPathParameters(), named);
        if (request.hasEntity()) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            try {
                NamedIds.inBody(Json.MAPPER.readTree(body), named);
            } catch (IOException notJson) {
                // The service refuses it on its own; the rule only misses it.
            }
        }
        return named;
    }
}
