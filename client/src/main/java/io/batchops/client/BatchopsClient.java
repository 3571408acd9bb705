package io.batchops.client;

import io.batchops.client.drs.api.JobsApi;
import io.batchops.client.drs.model.BatchDeleteJobReq;
import io.batchops.client.drs.model.BatchDeleteJobsResp;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.client.sms.api.TasksApi;
import io.batchops.client.sms.model.DeleteTasksReq;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The entry point for consumers: a base URL and a token, then one call per operation.
 *
 * <pre>{@code
 * BatchopsClient client = BatchopsClient.create("http://127.0.0.1:8080", "dev-token");
 * client.deleteTasks(List.of("1", "2", "3"));
 * }</pre>
 *
 * The two batch calls' error answers surface as {@link BatchopsException}. The generated task (SMS)
 * and job (DRS) APIs stay reachable through {@link #sms()} and {@link #drs()} for their other
 * operations, headers and raw responses; their errors are the generated {@code ApiException}s.
 */
public final class BatchopsClient {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String token;
    private final TasksApi sms;
    private final JobsApi drs;

    private BatchopsClient(String baseUrl, String token, Duration timeout) {
        this.token = Objects.requireNonNull(token, "token");
        String base = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.sms = new TasksApi(new io.batchops.client.sms.invoker.ApiClient(PlainHttp.builder(base, timeout),
                io.batchops.client.sms.invoker.ApiClient.createDefaultObjectMapper(), base).setReadTimeout(timeout));
        this.drs = new JobsApi(new io.batchops.client.drs.invoker.ApiClient(PlainHttp.builder(base, timeout),
                io.batchops.client.drs.invoker.ApiClient.createDefaultObjectMapper(), base).setReadTimeout(timeout));
    }

    /** A client of the server at {@code baseUrl} (as {@code http://127.0.0.1:8080}) that sends {@code token}. */
    public static BatchopsClient create(String baseUrl, String token) {
        return new BatchopsClient(baseUrl, token, DEFAULT_TIMEOUT);
    }

    /** As {@link #create(String, String)}, with a limit on each request's wait for an answer. */
    public static BatchopsClient create(String baseUrl, String token, Duration timeout) {
        return new BatchopsClient(baseUrl, token, timeout);
    }

    /** SMS: deletes the tasks, all or none. */
    public void deleteTasks(List<String> ids) {
        try {
            sms.deleteTasks(new DeleteTasksReq().ids(ids), token);
        } catch (io.batchops.client.sms.invoker.ApiException e) {
            throw new BatchopsException(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        }
    }

    /** DRS: stops or deletes each job; the answer has one result per entry. Messages in en-us. */
    public BatchDeleteJobsResp batchDeleteJobs(String projectId, List<DeleteJobReq> jobs) {
        return batchDeleteJobs(projectId, jobs, null);
    }

    /** As {@link #batchDeleteJobs(String, List)}, with messages in {@code language} (en-us or zh-cn). */
    public BatchDeleteJobsResp batchDeleteJobs(String projectId, List<DeleteJobReq> jobs, String language) {
        try {
            return drs.batchDeleteJobs(projectId, new BatchDeleteJobReq().jobs(jobs), token, language);
        } catch (io.batchops.client.drs.invoker.ApiException e) {
            throw new BatchopsException(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        }
    }

    /** One entry of a DRS batch. */
    public static DeleteJobReq job(DeleteJobReq.DeleteTypeEnum type, String jobId) {
        return new DeleteJobReq().deleteType(type).jobId(jobId);
    }

    /** The generated SMS API, sharing this client's connection settings. */
    public TasksApi sms() {
        return sms;
    }

    /** The generated DRS API, sharing this client's connection settings. */
    public JobsApi drs() {
        return drs;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
