package io.batchops.junit5;

import io.batchops.client.admin.model.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a request in the journal must look like for a verification: its operation, and optionally
 * the ids it named (exactly those, in any order), who sent it and how, its tenant, its answer.
 *
 * <pre>{@code
 * batchops.verify(1, RequestPattern.operation("deleteTasks").ids("t1", "t2").signedBy(batchops.principal().accessKey()));
 * }</pre>
 */
public final class RequestPattern {
    private record Criterion(String description, Function<RecordedRequest, Object> actual, Object expected) {
        boolean matches(RecordedRequest request) {
            return Objects.equals(actual.apply(request), expected);
        }

        String mismatch(RecordedRequest request) {
            return description + " was " + actual.apply(request) + ", not " + expected;
        }
    }

    private final List<Criterion> criteria = new ArrayList<>();

    private RequestPattern() {
    }

    /** Requests to this operationId of sms.yaml, drs.yaml or iam.yaml, as {@code deleteTasks} or {@code batchDeleteJobs}. */
    public static RequestPattern operation(String operationId) {
        return new RequestPattern().with("operation", request -> String.valueOf(request.getOperation()), operationId);
    }

    /** Any request to the service APIs. */
    public static RequestPattern anyRequest() {
        return new RequestPattern();
    }

    /** That named exactly these ids (tasks, source servers or jobs), in any order. */
    public RequestPattern ids(String... ids) {
        return with("ids", request -> sorted(request.getIds()), sorted(Arrays.asList(ids)));
    }

    /** That was signed (AK/SK) with this access key. */
    public RequestPattern signedBy(String accessKey) {
        with("auth", request -> String.valueOf(request.getAuth()), "aksk");
        return with("access key", RecordedRequest::getAccessKey, accessKey);
    }

    /** That carried an X-Auth-Token. */
    public RequestPattern withToken() {
        return with("auth", request -> String.valueOf(request.getAuth()), "token");
    }

    /** That this principal (by name) sent. */
    public RequestPattern principal(String name) {
        return with("principal", RecordedRequest::getPrincipal, name);
    }

    /** In this SMS account or DRS project. */
    public RequestPattern tenant(String tenant) {
        return with("tenant", RecordedRequest::getTenant, tenant);
    }

    /** Answered with this HTTP status. */
    public RequestPattern status(int status) {
        return with("status", RecordedRequest::getStatus, status);
    }

    /** Answered with this error code. */
    public RequestPattern errorCode(String errorCode) {
        return with("error_code", RecordedRequest::getErrorCode, errorCode);
    }

    private RequestPattern with(String description, Function<RecordedRequest, Object> actual, Object expected) {
        criteria.add(new Criterion(description, actual, expected));
        return this;
    }

    public boolean matches(RecordedRequest request) {
        return criteria.stream().allMatch(criterion -> criterion.matches(request));
    }

    /** How {@code request} differs from this pattern; empty when it matches. */
    List<String> mismatches(RecordedRequest request) {
        return criteria.stream().filter(criterion -> !criterion.matches(request))
                .map(criterion -> criterion.mismatch(request)).toList();
    }

    private static List<String> sorted(List<String> ids) {
        return ids == null ? List.of() : ids.stream().sorted().toList();
    }

    @Override
    public String toString() {
        if (criteria.isEmpty()) {
            return "any request";
        }
        return String.join(", ", criteria.stream().map(criterion -> criterion.description() + " " + criterion.expected()).toList());
    }
}
