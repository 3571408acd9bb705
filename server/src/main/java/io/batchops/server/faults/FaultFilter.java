package io.batchops.server.faults;

import io.batchops.server.auth.Authentication;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.errors.Language;
import io.batchops.server.request.Exchange;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the fault rules of the service operation a request reached, after the caller is
 * authenticated: the first rule that matches the request and fires answers it (or delays, or drops
 * it), before the service sees it. What fired, and the DRS batches' per-job failures, it leaves in the
 * request's {@link Exchange} as its {@link FaultDecision}.
 */
@Priority(Priorities.AUTHORIZATION)
final class FaultFilter implements ContainerRequestFilter {
    private final Faults faults;

    FaultFilter(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Exchange exchange = Exchange.of(request);
        List<ActiveFault> rules = faults.about(exchange.operation());
        if (rules.isEmpty()) {
            return;
        }
        Authentication authentication = exchange.get(Authentication.KEY);
        String caller = authentication == null ? null : authentication.principal().name();
        String tenant = Authentication.tenantOf(exchange, request);
        Set<String> named = rules.stream().anyMatch(rule -> rule.ids() != null)
                ? Set.copyOf(exchange.namedIds(request)) : Set.of();
        for (ActiveFault rule : rules) {
            if (rule.matches(caller, tenant, named) && rule.fires()) {
                apply(rule, request, exchange, named);
                return;
            }
        }
    }

    private void apply(ActiveFault rule, ContainerRequestContext request, Exchange exchange, Set<String> named) {
        Map<String, ApiException> failures = Map.of();
        if (rule.jobFailure() != null) {
            failures = new HashMap<>();
            for (String id : rule.ids()) {
                if (named.contains(id)) {
                    failures.put(id, rule.jobFailure());
                }
            }
        }
        exchange.put(FaultDecision.KEY, new FaultDecision(rule.id(), failures));
        if (rule.latencyMs() > 0) {
            try {
                Thread.sleep(rule.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (rule.dropsConnection()) {
            exchange.dropConnection();
            request.abortWith(Response.noContent().build());
        } else if (rule.answer() != null) {
            ActiveFault.Answer answer = rule.answer();
            Language language = Language.lenient(request.getHeaderString(Language.HEADER));
            Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(answer.error(), language, exchange.id()));
            if (answer.retryAfterSeconds() != null) {
                response.header("Retry-After", answer.retryAfterSeconds());
            }
            request.abortWith(response.build());
        }
    }
}
