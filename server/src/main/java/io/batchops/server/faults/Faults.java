package io.batchops.server.faults;

import io.batchops.drs.api.JobsApi;
import io.batchops.iam.api.IamApi;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.Language;
import io.batchops.sms.api.SourcesApi;
import io.batchops.sms.api.TasksApi;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.IllegalFormatException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fault rules, oldest first, and for each service operation the rules about it: read on every
 * request, so kept as an immutable map replaced on each change.
 */
public final class Faults {
    /** The operations of the service specs: the generated interfaces' methods are named after their operationIds. */
    private static final Set<String> OPERATIONS = Stream.of(TasksApi.class, SourcesApi.class, JobsApi.class, IamApi.class)
            .flatMap(api -> Stream.of(api.getMethods())).map(Method::getName)
            .collect(Collectors.toUnmodifiableSet());
    /** The DRS batches whose entries can fail one by one. */
    private static final Set<String> JOB_BATCHES = Set.of("batchDeleteJobs", "batchStartJobs", "batchStopJobs");

    private final List<ActiveFault> rules = new CopyOnWriteArrayList<>();
    private volatile Map<String, List<ActiveFault>> byOperation = Map.of();

    /** A rule as the control API describes it; null fields are left out. */
    @RecordBuilder
    public record NewFault(String operation, String principal, String tenant, List<String> ids, Integer times,
            Integer after, Double probability, Long seed, Integer status, String errorCode, String errorMsg,
            Integer retryAfter, Integer latencyMs, Boolean dropConnection, String jobErrorCode, String jobErrorMsg,
            Object definition) {
    }

    /** Adds a rule; answers its id. What cannot be a fault of the services is bad input. */
    public String add(NewFault fault) {
        if (!OPERATIONS.contains(fault.operation())) {
            throw invalid("operation", "'" + fault.operation() + "' is not an operationId of sms.yaml, drs.yaml or iam.yaml");
        }
        ActiveFault.Answer answer = fault.errorCode() == null ? null : new ActiveFault.Answer(fault.status(),
                error(fault.errorCode(), fault.errorMsg(), "response.error_code"),
                fault.retryAfter() != null ? fault.retryAfter() : fault.status() == 429 ? 1 : null);
        ApiException jobFailure = null;
        if (fault.jobErrorCode() != null) {
            if (!JOB_BATCHES.contains(fault.operation()) || fault.ids() == null) {
                throw invalid("failed_jobs", "needs ids and one of " + JOB_BATCHES);
            }
            jobFailure = error(fault.jobErrorCode(), fault.jobErrorMsg(), "failed_jobs.error_code");
            if (jobFailure.code().family() != Family.DRS) {
                throw invalid("failed_jobs.error_code", "is not a DRS code");
            }
        }
        boolean drop = Boolean.TRUE.equals(fault.dropConnection());
        int latency = fault.latencyMs() == null ? 0 : fault.latencyMs();
        String id = UUID.randomUUID().toString();
        rules.add(new ActiveFault(id, fault.operation(), fault.principal(), fault.tenant(),
                fault.ids() == null ? null : Set.copyOf(new LinkedHashSet<>(fault.ids())), fault.times(),
                fault.after() == null ? 0 : fault.after(), fault.probability(), fault.seed() == null ? 0 : fault.seed(),
                answer, latency, drop, jobFailure, fault.definition()));
        reindex();
        return id;
    }

    /** A rule as listed: what it was added as, its id, how often it fired. */
    public record Listed(String id, long fired, Object definition) {
    }

    public List<Listed> list() {
        return rules.stream().map(rule -> new Listed(rule.id(), rule.fired(), rule.definition())).toList();
    }

    public void clear() {
        rules.clear();
        reindex();
    }

    /** Removes one rule; false when there is none with that id. */
    public boolean remove(String id) {
        boolean removed = rules.removeIf(rule -> rule.id().equals(id));
        reindex();
        return removed;
    }

    /** The rules about {@code operation}, oldest first; most often none. */
    List<ActiveFault> about(String operation) {
        return byOperation.getOrDefault(operation, List.of());
    }

    private synchronized void reindex() {
        Map<String, List<ActiveFault>> index = new HashMap<>();
        rules.forEach(rule -> index.computeIfAbsent(rule.operation(), op -> new CopyOnWriteArrayList<>()).add(rule));
        byOperation = Map.copyOf(index);
    }

    /** The error of a code of the specs' tables, with the message given or the code's own. */
    private static ApiException error(String code, String message, String field) {
        ErrorCode entry = ErrorCode.ofCode(code).filter(known -> known.family() != Family.ADMIN)
                .orElseThrow(() -> invalid(field, "'" + code + "' is not a code of the specs' tables"));
        return ApiException.withMessage(entry, message != null ? message : ownMessage(entry));
    }

    /** The code's message; one that needs details the fault cannot give says that it was injected. */
    private static String ownMessage(ErrorCode code) {
        try {
            return code.message(Language.EN_US);
        } catch (IllegalFormatException needsDetails) {
            return "Injected fault: " + code.code();
        }
    }

    private static ApiException invalid(String field, String detail) {
        return ApiException.invalidInput(Family.ADMIN, io.batchops.server.errors.InputProblem.INVALID, field, detail);
    }

}
