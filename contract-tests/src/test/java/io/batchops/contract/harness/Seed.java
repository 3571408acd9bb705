package io.batchops.contract.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchops.client.admin.invoker.ApiClient;
import io.batchops.client.admin.model.Fixtures;
import io.batchops.client.admin.model.FixturesDrs;
import io.batchops.client.admin.model.FixturesSms;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceFixture;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskFixture;
import io.batchops.client.admin.model.TaskState;
import java.util.ArrayList;
import java.util.List;

/** Builds the state a test starts from, as the control API's fixtures document (admin.yaml's Fixtures). */
public final class Seed {
    /** A source server that never blocks its tasks' deletion. */
    public static final String IDLE_SOURCE = "src-idle";
    /** The generated client's mapper, leaving absent values out as the server expects. */
    public static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final List<SourceFixture> sources = new ArrayList<>();
    private final List<TaskFixture> tasks = new ArrayList<>();
    private final List<JobFixture> jobs = new ArrayList<>();

    public static Seed empty() {
        return new Seed();
    }

    /** The state a fixtures document (the seed file's format) describes. */
    public static Seed of(JsonNode document) {
        Fixtures fixtures = MAPPER.convertValue(document, Fixtures.class);
        Seed seed = new Seed();
        if (fixtures.getSms() != null) {
            seed.sources.addAll(orEmpty(fixtures.getSms().getSources()));
            seed.tasks.addAll(orEmpty(fixtures.getSms().getTasks()));
        }
        if (fixtures.getDrs() != null) {
            seed.jobs.addAll(orEmpty(fixtures.getDrs().getJobs()));
        }
        return seed;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * A little of everything Alice can hold: a syncing and a stopped source with a task each, and a
     * running and a finished job; what tests of rejected requests check stays untouched.
     */
    public static Seed aliceSample() {
        return new Seed()
                .source("s1", TestServer.ALICE_DOMAIN, SourceServerState.SYNCING, true)
                .source("s2", TestServer.ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .task("t1", TestServer.ALICE_DOMAIN, "s1")
                .task("t2", TestServer.ALICE_DOMAIN, "s2")
                .job("j1", TestServer.ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("j2", TestServer.ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE);
    }

    /** Tasks of {@code domain} on an idle, connected source server: all deletable. */
    public static Seed deletableTasks(String domain, List<String> ids) {
        Seed seed = new Seed().source(IDLE_SOURCE + "-" + domain, domain, SourceServerState.STOPPED, true);
        ids.forEach(id -> seed.task(id, domain, IDLE_SOURCE + "-" + domain));
        return seed;
    }

    /** Standalone jobs of {@code project}, all in {@code status}. */
    public static Seed jobs(String project, JobStatus status, List<String> ids) {
        Seed seed = new Seed();
        ids.forEach(id -> seed.job(id, project, status));
        return seed;
    }

    public Seed source(String id, String domain, SourceServerState state, boolean connected) {
        return source(new SourceFixture().id(id).domainId(domain).name("server-" + id).state(state).connected(connected));
    }

    public Seed source(SourceFixture source) {
        sources.add(source);
        return this;
    }

    public Seed task(String id, String domain, String sourceId) {
        return task(id, domain, sourceId, TaskState.READY);
    }

    public Seed task(String id, String domain, String sourceId, TaskState state) {
        return task(new TaskFixture().id(id).domainId(domain).name("task-" + id).sourceId(sourceId).state(state));
    }

    public Seed task(TaskFixture task) {
        tasks.add(task);
        return this;
    }

    public Seed job(String id, String project, JobStatus status) {
        return job(id, project, status, JobFixture.RoleEnum.STANDALONE, false);
    }

    public Seed job(String id, String project, JobStatus status, JobFixture.RoleEnum role, boolean dualActive) {
        return job(new JobFixture().id(id).projectId(project).name("job-" + id).status(status).role(role)
                .dualActive(dualActive));
    }

    public Seed job(JobFixture job) {
        jobs.add(job);
        return this;
    }

    public Seed and(Seed other) {
        sources.addAll(other.sources);
        tasks.addAll(other.tasks);
        jobs.addAll(other.jobs);
        return this;
    }

    public List<TaskFixture> tasks() {
        return List.copyOf(tasks);
    }

    public List<JobFixture> jobs() {
        return List.copyOf(jobs);
    }

    /** The fixtures document, as JSON. */
    public JsonNode fixtures() {
        return MAPPER.valueToTree(new Fixtures().sms(new FixturesSms().sources(sources).tasks(tasks))
                .drs(new FixturesDrs().jobs(jobs)));
    }

    /** Makes this the server's whole state. */
    public void load() {
        TestServer.reset(fixtures());
    }
}
