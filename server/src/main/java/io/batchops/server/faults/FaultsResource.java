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
        FaultsNewFaultBuilder fault = FaultsNewFaultBuilder.builder().operation(rule.getOperation().toString())
                .principal(rule.getPrincipal()).tenant(rule.getTenant()).ids(rule.getIds()).times(rule.getTimes())
                .after(rule.getAfter()).probability(rule.getProbability() == null ? null : rule.getProbability().doubleValue())
                .seed(rule.getSeed()).latencyMs(rule.getLatencyMs()).dropConnection(rule.getDropConnection()).definition(rule);
        if (answer != null) {
            fault.status(answer.getStatus()).errorCode(answer.getErrorCode()).errorMsg(answer.getErrorMsg())
                    .retryAfter(answer.getRetryAfter());
        }
        if (jobs != null) {
            fault.jobErrorCode(jobs.getErrorCode()).jobErrorMsg(jobs.getErrorMsg());
        }
        String id = faults.add(fault.build());
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
