package io.batchops.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchops.client.admin.api.AdminApi;
import io.batchops.client.admin.api.FaultsApi;
import io.batchops.client.admin.api.JournalApi;
import io.batchops.client.admin.api.MetaApi;
import io.batchops.client.admin.invoker.ApiClient;
import io.batchops.client.admin.invoker.ApiException;
import io.batchops.client.admin.model.ClockChange;
import io.batchops.client.admin.model.Fault;
import io.batchops.client.admin.model.FaultResponse;
import io.batchops.client.admin.model.FaultRule;
import io.batchops.client.admin.model.Fixtures;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.JobStatusChange;
import io.batchops.client.admin.model.RecordedRequest;
import io.batchops.client.admin.model.RequestJournal;
import io.batchops.client.admin.model.SdkEnvironment;
import io.batchops.client.admin.model.ServiceOperation;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.SourceState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.client.admin.model.TaskStateChange;
import io.batchops.client.admin.model.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The control API ({@code /_batchops/}, admin.yaml) in Java: state, fixtures, timing, faults and the
 * request journal of a running batchops.
 *
 * <pre>{@code
 * BatchopsControl control = BatchopsControl.create("http://127.0.0.1:8080", "admin-dev-token");
 * control.throttle("deleteTasks", 1);
 * }</pre>
 *
 * Error answers surface as {@link BatchopsException}. The generated APIs stay reachable through
 * {@link #adminApi()}, {@link #faultsApi()} and {@link #journalApi()}.
 */
public final class BatchopsControl {
    private final String adminToken;
    private final AdminApi admin;
    private final FaultsApi faults;
    private final JournalApi journal;
    private final MetaApi meta;

    private BatchopsControl(String baseUrl, String adminToken) {
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
        String base = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/$", "");
        ApiClient client = new ApiClient(PlainHttp.builder(base, Duration.ofSeconds(10)),
                ApiClient.createDefaultObjectMapper(), base).setReadTimeout(Duration.ofSeconds(30));
        this.admin = new AdminApi(client);
        this.faults = new FaultsApi(client);
        this.journal = new JournalApi(client);
        this.meta = new MetaApi(client);
    }

    /** The control API of the server at {@code baseUrl}, opened with {@code adminToken}. */
    public static BatchopsControl create(String baseUrl, String adminToken) {
        return new BatchopsControl(baseUrl, adminToken);
    }

    /** Everything back to a fresh start: no state, no fault rules, an empty journal, immediate timing, the machine's clock. */
    public void resetAll() {
        run(() -> {
            admin.reset(adminToken);
            faults.clearFaults(adminToken);
            journal.clearRequests(adminToken);
            admin.setTiming(new Timing().mode(Timing.ModeEnum.IMMEDIATE), adminToken);
            admin.setClock(new ClockChange().offsetSeconds(0L), adminToken);
        });
    }

    /** The environment that points the official SDKs at this server (and its development principal, if it serves it). */
    public SdkEnvironment environment() {
        return call(meta::environment);
    }

    /** Forgets all state (not the fault rules, the journal or the timing). */
    public void reset() {
        run(() -> admin.reset(adminToken));
    }

    /** Adds source servers, tasks and jobs to what the server holds. */
    public void load(Fixtures fixtures) {
        run(() -> admin.loadFixtures(fixtures, adminToken));
    }

    /** Adds the source servers, tasks and jobs of a seed file (the server's {@code --seed} format). */
    public void load(Path seedFile) {
        Fixtures fixtures;
        try {
            fixtures = ApiClient.createDefaultObjectMapper().readValue(seedFile.toFile(), Fixtures.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed file " + seedFile + ": " + e.getMessage(), e);
        }
        load(fixtures);
    }

    /**
     * Loads, in this JVM, what the first requests to a batchops need (the HTTP client, the JSON mapper,
     * the control API's models), for a caller with something else to wait for meanwhile.
     */
    public static void prepare() {
        try {
            create("http://127.0.0.1:1", "prepare");
            ObjectMapper json = ApiClient.createDefaultObjectMapper();
            json.readValue(PREPARE_ENVIRONMENT, SdkEnvironment.class);
            json.writeValueAsString(new Fixtures());
        } catch (IOException | RuntimeException e) {
            // Only a head start: the first requests load what this did not.
        }
    }

    private static final String PREPARE_ENVIRONMENT = "{\"variables\":{\"A\":\"b\"},\"regions_file\":\"\","
            + "\"sms_regions\":[],\"drs_regions\":[],\"development_principal\":{\"name\":\"n\",\"domain_id\":\"d\","
            + "\"project_id\":\"p\",\"token\":\"t\",\"access_key\":\"a\",\"secret_key\":\"s\"}}";

    /** All state, in the seed file's format. */
    public Fixtures exportState() {
        return call(() -> admin.exportState(adminToken));
    }

    /** Replaces all state with {@code state} (all of it, or nothing when it is refused). */
    public void importState(Fixtures state) {
        run(() -> admin.importState(state, adminToken));
    }

    public void setSourceState(String domainId, String sourceId, SourceServerState state, boolean connected) {
        run(() -> admin.setSourceState(domainId, sourceId, new SourceState().state(state).connected(connected),
                adminToken));
    }

    public void setTaskState(String domainId, String taskId, TaskState state) {
        run(() -> admin.setTaskState(domainId, taskId, new TaskStateChange().state(state), adminToken));
    }

    public void setJobStatus(String projectId, String jobId, JobStatus status) {
        run(() -> admin.setJobStatus(projectId, jobId, new JobStatusChange().status(status), adminToken));
    }

    /** How transitions take time now. */
    public Timing timing() {
        return call(() -> admin.getTiming(adminToken));
    }

    /** How transitions take time: {@code new Timing().mode(DELAY).delayMs(500L)}, or by reads. */
    public Timing setTiming(Timing timing) {
        return call(() -> admin.setTiming(timing, adminToken));
    }

    /** Adds a fault rule; answers it with its id. */
    public Fault addFault(FaultRule rule) {
        return call(() -> faults.addFault(rule, adminToken));
    }

    /**
     * The gateway's throttling for the next {@code times} requests to {@code operation} (an
     * operationId, as {@code deleteTasks}): 429 {@code APIGW.0308} with {@code Retry-After: 1}.
     */
    public Fault throttle(String operation, int times) {
        return addFault(new FaultRule().operation(ServiceOperation.fromValue(operation)).times(times)
                .response(new FaultResponse().status(429).errorCode("APIGW.0308")));
    }

    public List<Fault> listFaults() {
        return call(() -> faults.listFaults(adminToken).getFaults());
    }

    public void removeFault(String id) {
        run(() -> faults.removeFault(id, adminToken));
    }

    public void clearFaults() {
        run(() -> faults.clearFaults(adminToken));
    }

    /** Every request the journal holds, oldest first. */
    public List<RecordedRequest> requests() {
        return requests(null, null, null, null).getRequests();
    }

    /** The journal's requests to {@code operation} (or all, when null), with this status, since then, at most {@code limit}. */
    public RequestJournal requests(String operation, Integer status, OffsetDateTime since, Integer limit) {
        return call(() -> journal.listRequests(adminToken, operation == null ? null : ServiceOperation.fromValue(operation),
                status, since, limit));
    }

    public void clearRequests() {
        run(() -> journal.clearRequests(adminToken));
    }

    public AdminApi adminApi() {
        return admin;
    }

    public FaultsApi faultsApi() {
        return faults;
    }

    public JournalApi journalApi() {
        return journal;
    }

    public MetaApi metaApi() {
        return meta;
    }

    private interface Call<T> {
        T run() throws ApiException;
    }

    private interface Action {
        void run() throws ApiException;
    }

    private static void run(Action action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            throw new BatchopsException(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        }
    }
}
