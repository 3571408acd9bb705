package io.batchops.server.drs;

import io.batchops.drs.api.JobsApi;
import io.batchops.drs.model.BatchDeleteJobReq;
import io.batchops.drs.model.BatchDeleteJobsResp;
import io.batchops.drs.model.DeleteJobResp;
import io.batchops.server.auth.AuthFilter;
import io.batchops.server.auth.Authenticated;
import io.batchops.server.errors.Language;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code DELETE /v3/{project_id}/jobs/batch-jobs}: HTTP in and out; the rules are {@link DrsJobService}'s. */
@Authenticated
public final class DrsJobsResource implements JobsApi {
    private final DrsJobService jobs;

    @Context
    private SecurityContext security;

    public DrsJobsResource(DrsJobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Response batchDeleteJobs(String projectId, BatchDeleteJobReq request, String xAuthToken, String xLanguage) {
        Language language = Language.parse(xLanguage);
        List<JobCommand> commands = request.getJobs().stream()
                .map(entry -> new JobCommand(JobOperation.valueOf(entry.getDeleteType().name()), entry.getJobId()))
                .toList();
        List<DeleteJobResp> results = jobs.apply(AuthFilter.principal(security), projectId, commands).stream()
                .map(outcome -> result(outcome, language))
                .toList();
        return Response.accepted(new BatchDeleteJobsResp().count(results.size()).results(results)).build();
    }

    private static DeleteJobResp result(JobOutcome outcome, Language language) {
        DeleteJobResp result = new DeleteJobResp().id(outcome.jobId());
        return outcome.error()
                .map(error -> result.status(DeleteJobResp.StatusEnum.FAILED)
                        .errorCode(error.code().code())
                        .errorMsg(error.message(language)))
                .orElseGet(() -> result.status(DeleteJobResp.StatusEnum.SUCCESS));
    }
}
