package io.batchops.server.faults;

import io.batchops.admin.api.FaultsApi;
import io.batchops.admin.model.Fault;
import io.batchops.admin.model.FaultList;
import io.batchops.admin.model.FaultRule;
import io.batchops.server.auth.AdminOnly;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.ws.rs.core.Response;

/** {@code /_batchops/faults}: HTTP in and out; the rules are {@link Faults}'. */
@AdminOnly
public final class FaultsResource implements FaultsApi {
    private final Faults faults;

    public FaultsResource(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Response addFault(FaultRule rule, String adminToken) {
        var answer = rule.getResponse();
        var jobs = rule.getFailedJobs();
        String id = faults.add(new Faults.NewFault(rule.getOperation().toString(), rule.getPrincipal(), rule.getTenant(),
                rule.getIds(), rule.getTimes(), rule.getAfter(),
                rule.getProbability() == null ? null : rule.getProbability().doubleValue(), rule.getSeed(),
                answer == null ? null : answer.getStatus(), answer == null ? null : answer.getErrorCode(),
                answer == null ? null : answer.getErrorMsg(), answer == null ? null : answer.getRetryAfter(),
                rule.getLatencyMs(), rule.getDropConnection(), jobs == null ? null : jobs.getErrorCode(),
                jobs == null ? null : jobs.getErrorMsg(), rule));
        return Response.status(Response.Status.CREATED).entity(fault(new Faults.Listed(id, 0, rule))).build();
    }

    @Override
    public Response listFaults(String adminToken) {
        return Response.ok(new FaultList().faults(faults.list().stream().map(FaultsResource::fault).toList())).build();
    }

    @Override
    public Response clearFaults(String adminToken) {
        faults.clear();
        return Response.noContent().build();
    }

    @Override
    public Response removeFault(String faultId, String adminToken) {
        if (!faults.remove(faultId)) {
            throw ApiException.of(ErrorCode.ADMIN_NOT_FOUND, "Fault rule " + faultId);
        }
        return Response.noContent().build();
    }

    /** The rule as it was added, with its id and how often it fired. */
    private static Fault fault(Faults.Listed listed) {
        return new Fault().id(listed.id()).fired(listed.fired()).rule((FaultRule) listed.definition());
    }
}
