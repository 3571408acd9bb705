package io.batchops.server.faults;

import io.batchops.server.errors.ApiException;
import java.util.Random;
import java.util.Set;

/**
 * One fault rule: which requests it matches, which of them it fires for, and what it does then. Its
 * counters and its generator are its own, so that rules do not disturb each other's draws.
 */
final class ActiveFault {
    /** An error answer: the status, the error (its code's body shape), and Retry-After in seconds (or none). */
    record Answer(int status, ApiException error, Integer retryAfterSeconds) {
    }

    private final String id;
    private final String operation;
    private final String principal;
    private final String tenant;
    private final Set<String> ids;
    private final Integer times;
    private final int after;
    private final Double probability;
    private final Random draws;
    private final Answer answer;
    private final int latencyMs;
    private final boolean dropConnection;
    private final ApiException jobFailure;
    /** What the rule was added as, for the listing. */
    private final Object definition;
    private long matched;
    private long fired;

    ActiveFault(String id, String operation, String principal, String tenant, Set<String> ids, Integer times, int after,
            Double probability, long seed, Answer answer, int latencyMs, boolean dropConnection, ApiException jobFailure,
            Object definition) {
        this.id = id;
        this.operation = operation;
        this.principal = principal;
        this.tenant = tenant;
        this.ids = ids;
        this.times = times;
        this.after = after;
        this.probability = probability;
        this.draws = new Random(seed);
        this.answer = answer;
        this.latencyMs = latencyMs;
        this.dropConnection = dropConnection;
        this.jobFailure = jobFailure;
        this.definition = definition;
    }

    String id() {
        return id;
    }

    String operation() {
        return operation;
    }

    Set<String> ids() {
        return ids;
    }

    Answer answer() {
        return answer;
    }

    int latencyMs() {
        return latencyMs;
    }

    boolean dropsConnection() {
        return dropConnection;
    }

    ApiException jobFailure() {
        return jobFailure;
    }

    Object definition() {
        return definition;
    }

    synchronized long fired() {
        return fired;
    }

    /** Whether a request of {@code principalName} in {@code tenantId}, naming {@code named}, is one this rule is about. */
    boolean matches(String principalName, String tenantId, Set<String> named) {
        return (principal == null || principal.equals(principalName))
                && (tenant == null || tenant.equals(tenantId))
                && (ids == null || ids.stream().anyMatch(named::contains));
    }

    /** Counts a matching request and says whether the rule fires for it: after, times, then the draw. */
    synchronized boolean fires() {
        matched++;
        if (matched <= after || (times != null && fired >= times)) {
            return false;
        }
        if (probability != null && draws.nextDouble() >= probability) {
            return false;
        }
        fired++;
        return true;
    }
}
