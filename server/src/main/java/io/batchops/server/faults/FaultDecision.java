package io.batchops.server.faults;

import io.batchops.server.errors.ApiException;
import io.batchops.server.request.Exchange;
import java.util.Map;

/**
 * The fault rule that fired for a request, as the {@link FaultFilter} left it in the request's
 * {@link Exchange}: its id, and the jobs of a DRS batch it fails, by id (most often none).
 */
public record FaultDecision(String ruleId, Map<String, ApiException> jobFailures) {
    public static final Exchange.Key<FaultDecision> KEY = Exchange.Key.named("fault");

    /** The id of the rule that fired for the request, or null. */
    public static String firedFor(Exchange exchange) {
        FaultDecision decision = exchange.get(KEY);
        return decision == null ? null : decision.ruleId;
    }

    /** The jobs of the request's batch that a fault fails, by id; most often none. */
    public static Map<String, ApiException> jobFailures(Exchange exchange) {
        FaultDecision decision = exchange.get(KEY);
        return decision == null ? Map.of() : decision.jobFailures;
    }
}
