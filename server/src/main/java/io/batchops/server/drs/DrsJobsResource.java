package io.batchops.server.drs;

import io.batchops.drs.api.JobsApi;
import io.batchops.drs.model.BatchCreateJobReq;
import io.batchops.drs.model.BatchCreateJobsResp;
import io.batchops.drs.model.BatchDeleteJobReq;
import io.batchops.drs.model.BatchDeleteJobsResp;
import io.batchops.drs.model.BatchJobActionResp;
import io.batchops.drs.model.BatchListJobDetailsResp;
import io.batchops.drs.model.BatchListJobStatusResp;
import io.batchops.drs.model.BatchPauseJobReq;
import io.batchops.drs.model.BatchQueryJobReq;
import io.batchops.drs.model.BatchStartJobReq;
import io.batchops.drs.model.CreateJobResp;
import io.batchops.drs.model.DeleteJobResp;
import io.batchops.drs.model.JobInfo;
import io.batchops.drs.model.ListJobsResp;
import io.batchops.drs.model.PageReq;
import io.batchops.drs.model.QueryJobResp;
import io.batchops.drs.model.QueryJobStatusResp;
import io.batchops.drs.model.QueryJobsReq;
import io.batchops.server.auth.Authentication;
import io.batchops.server.auth.AuthenticatedResource;
import io.batchops.server.auth.Principal;
import io.batchops.server.auth.Authenticated;
import io.batchops.server.request.CloudApi;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.Language;
import io.batchops.server.faults.FaultDecision;
import io.batchops.server.request.Exchange;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code /v3/{project_id}/jobs...}: HTTP in and out; the rules are {@link DrsJobService}'s. */
@Authenticated
@CloudApi
public final class DrsJobsResource extends AuthenticatedResource implements JobsApi {
    private final DrsJobService jobs;

    public DrsJobsResource(DrsJobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Response batchCreateJobs(String projectId, BatchCreateJobReq request, String xAuthToken, String xLanguage) {
        Language.parse(xLanguage);
        List<DrsJobService.NewJob> wanted = request.getJobs().stream()
                .map(job -> new DrsJobService.NewJob(job.getName(), job.getDescription(), job.getDbUseType().toString(),
                        job.getEngineType(), job.getJobDirection().toString(), job.getNetType().toString(),
                        job.getTaskType().toString()))
                .toList();
        List<CreateJobResp> results = jobs.create(caller(), projectId, wanted).stream()
                .map(job -> new CreateJobResp().id(job.id()).name(job.name()).status(job.status().name())
                        .createTime(String.valueOf(job.createTime())))
                .toList();
        return Response.accepted(new BatchCreateJobsResp().count(results.size()).results(results)).build();
    }

    @Override
    public Response listJobs(String projectId, QueryJobsReq request, String xAuthToken, String xLanguage) {
        Language.parse(xLanguage);
        DrsJobService.Query query = new DrsJobService.Query(request.getDbUseType().toString(), request.getEngineType(),
                request.getName(), request.getNetType() == null ? null : request.getNetType().toString(),
                request.getStatus() == null ? null : DrsJobStatus.valueOf(request.getStatus().name()),
                request.getSortKey() == null ? null : request.getSortKey().toString(),
                request.getSortDir() != null && "desc".equals(request.getSortDir().toString()));
        DrsJobService.Page page = jobs.list(caller(), projectId, query, request.getCurPage(),
                request.getPerPage());
        return Response.ok(new ListJobsResp().totalRecord(page.total())
                .jobs(page.jobs().stream().map(DrsJobsResource::jobInfo).toList())).build();
    }

    @Override
    public Response batchListJobStatus(String projectId, BatchQueryJobReq request, String xAuthToken, String xLanguage) {
        Language language = Language.parse(xLanguage);
        List<QueryJobStatusResp> results = jobs.details(caller(), projectId, request.getJobs(),
                        page(request.getPageReq()), perPage(request.getPageReq()))
                .stream()
                .map(found -> new QueryJobStatusResp().id(found.jobId())
                        .status(found.job().map(job -> io.batchops.drs.model.JobStatus.valueOf(job.status().name()))
                                .orElse(null))
                        .errorCode(found.error().map(error -> error.code().code()).orElse(null))
                        .errorMessage(found.error().map(error -> error.message(language)).orElse(null)))
                .toList();
        return Response.ok(new BatchListJobStatusResp().count(request.getJobs().size()).results(results)).build();
    }

    @Override
    public Response batchListJobDetails(String projectId, BatchQueryJobReq request, String xAuthToken, String xLanguage) {
        Language language = Language.parse(xLanguage);
        List<QueryJobResp> results = jobs.details(caller(), projectId, request.getJobs(),
                        page(request.getPageReq()), perPage(request.getPageReq()))
                .stream()
                .map(found -> found.job().map(DrsJobsResource::jobDetail)
                        .orElseGet(() -> new QueryJobResp().id(found.jobId())
                                .errorCode(found.error().map(error -> error.code().code()).orElse(null))
                                .errorMessage(found.error().map(error -> error.message(language)).orElse(null))))
                .toList();
        return Response.ok(new BatchListJobDetailsResp().count(request.getJobs().size()).results(results)).build();
    }

    @Override
    public Response batchStartJobs(String projectId, BatchStartJobReq request, String xAuthToken, String xLanguage) {
        return accepted(projectId, request.getJobs().stream()
                .map(entry -> new JobCommand(JobOperation.START, entry.getJobId(), startAt(entry.getStartTime())))
                .toList(), xLanguage);
    }

    @Override
    public Response batchStopJobs(String projectId, BatchPauseJobReq request, String xAuthToken, String xLanguage) {
        return accepted(projectId, request.getJobs().stream()
                .map(entry -> new JobCommand(JobOperation.PAUSE, entry.getJobId()))
                .toList(), xLanguage);
    }

    @Override
    public Response batchDeleteJobs(String projectId, BatchDeleteJobReq request, String xAuthToken, String xLanguage) {
        Language language = Language.parse(xLanguage);
        List<JobCommand> commands = request.getJobs().stream()
                .map(entry -> new JobCommand(JobOperation.valueOf(entry.getDeleteType().name()), entry.getJobId()))
                .toList();
        List<DeleteJobResp> results = apply(projectId, commands).stream()
                .map(outcome -> result(outcome, language))
                .toList();
        return Response.accepted(new BatchDeleteJobsResp().count(results.size()).results(results)).build();
    }

    private static int page(PageReq paging) {
        return paging == null || paging.getCurPage() == null ? 1 : paging.getCurPage();
    }

    /** Entries per page; 0, the default, answers them all. */
    private static int perPage(PageReq paging) {
        return paging == null || paging.getPerPage() == null ? 0 : paging.getPerPage();
    }

    /** A start time as the SDK sends it, milliseconds since the epoch; empty or absent: now. */
    private static Instant startAt(String startTime) {
        return startTime == null || startTime.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(startTime));
    }

    /**
     * Applies a batch's commands, where the jobs a fault rule fails (see {@link FaultDecision}) fail
     * with its error and are left as they are: the service applies the others, and never sees a fault.
     */
    private List<JobOutcome> apply(String projectId, List<JobCommand> commands) {
        Exchange exchange = exchange();
        Principal caller = Authentication.caller(exchange);
        Map<String, ApiException> failing = FaultDecision.jobFailures(exchange);
        if (failing.isEmpty()) {
            return jobs.apply(caller, projectId, commands);
        }
        // The whole batch's actions are checked, as without the fault.
        jobs.authorize(caller, projectId, commands);
        Iterator<JobOutcome> applied = jobs.apply(caller, projectId,
                commands.stream().filter(command -> !failing.containsKey(command.jobId())).toList()).iterator();
        return commands.stream().map(command -> failing.containsKey(command.jobId())
                ? JobOutcome.failed(command.jobId(), failing.get(command.jobId())) : applied.next()).toList();
    }

    /** Applies a batch's entries and answers 202 with one result per entry. */
    private Response accepted(String projectId, List<JobCommand> commands, String xLanguage) {
        Language language = Language.parse(xLanguage);
        List<DeleteJobResp> results = apply(projectId, commands).stream()
                .map(outcome -> result(outcome, language))
                .toList();
        return Response.accepted(new BatchJobActionResp().count(results.size()).results(results)).build();
    }

    private static QueryJobResp jobDetail(Job job) {
        return new QueryJobResp().id(job.id()).name(job.name())
                .status(io.batchops.drs.model.JobStatus.valueOf(job.status().name()))
                .description(job.description()).createTime(String.valueOf(job.createTime()))
                .actualStartTime(job.actualStartTime() == null ? null : String.valueOf(job.actualStartTime()))
                .taskType(QueryJobResp.TaskTypeEnum.fromValue(job.taskType()))
                .netType(QueryJobResp.NetTypeEnum.fromValue(job.netType()))
                .jobDirection(QueryJobResp.JobDirectionEnum.fromValue(job.jobDirection()))
                .dbUseType(QueryJobResp.DbUseTypeEnum.fromValue(job.dbUseType()))
                .multiWrite(job.dualActive());
    }

    private static JobInfo jobInfo(Job job) {
        return new JobInfo().id(job.id()).name(job.name())
                .status(io.batchops.drs.model.JobStatus.valueOf(job.status().name()))
                .description(job.description()).createTime(String.valueOf(job.createTime()))
                .engineType(job.engineType()).netType(job.netType()).jobDirection(job.jobDirection())
                .dbUseType(job.dbUseType()).taskType(job.taskType()).billingTag(false);
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
