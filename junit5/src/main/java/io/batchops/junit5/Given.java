package io.batchops.junit5;

import io.batchops.client.BatchopsControl;
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

/**
 * A small builder of the state a test starts from: source servers, tasks and jobs, in the test
 * principal's account and project unless told otherwise. {@link #load()} adds them to the server;
 * {@link #fixtures()} gives the document (the seed file's format).
 *
 * <pre>{@code
 * batchops.given()
 *         .source("s1", SourceServerState.STOPPED)
 *         .task("t1", "s1", TaskState.READY)
 *         .job("j1", JobStatus.INCRE_TRANSFER_STARTED)
 *         .load();
 * }</pre>
 */
public final class Given {
    private final BatchopsControl control;
    private String domainId;
    private String projectId;
    private final List<SourceFixture> sources = new ArrayList<>();
    private final List<TaskFixture> tasks = new ArrayList<>();
    private final List<JobFixture> jobs = new ArrayList<>();

    Given(BatchopsControl control, String domainId, String projectId) {
        this.control = control;
        this.domainId = domainId;
        this.projectId = projectId;
    }

    /** What follows goes in this SMS account. */
    public Given inDomain(String domainId) {
        this.domainId = domainId;
        return this;
    }

    /** What follows goes in this DRS project. */
    public Given inProject(String projectId) {
        this.projectId = projectId;
        return this;
    }

    /** A source server in {@code state}, its agent connected. */
    public Given source(String id, SourceServerState state) {
        return source(new SourceFixture().id(id).domainId(domainId).name("server-" + id).state(state).connected(true));
    }

    /** A source server described in full (its domain id is set when left out). */
    public Given source(SourceFixture source) {
        sources.add(source.getDomainId() == null ? source.domainId(domainId) : source);
        return this;
    }

    /** A migration task of source server {@code sourceId}, in {@code state}. */
    public Given task(String id, String sourceId, TaskState state) {
        return task(new TaskFixture().id(id).domainId(domainId).name("task-" + id).sourceId(sourceId).state(state));
    }

    /** A task described in full (its domain id is set when left out). */
    public Given task(TaskFixture task) {
        tasks.add(task.getDomainId() == null ? task.domainId(domainId) : task);
        return this;
    }

    /** A standalone DRS job in {@code status}. */
    public Given job(String id, JobStatus status) {
        return job(new JobFixture().id(id).projectId(projectId).name("job-" + id).status(status));
    }

    /** A job described in full (its project id is set when left out). */
    public Given job(JobFixture job) {
        jobs.add(job.getProjectId() == null ? job.projectId(projectId) : job);
        return this;
    }

    /** The document: what {@code --seed}, {@code PUT /_batchops/state} and {@code POST /_batchops/fixtures} read. */
    public Fixtures fixtures() {
        return new Fixtures().sms(new FixturesSms().sources(List.copyOf(sources)).tasks(List.copyOf(tasks)))
                .drs(new FixturesDrs().jobs(List.copyOf(jobs)));
    }

    /** Adds all of it to the server's state. */
    public void load() {
        control.load(fixtures());
    }
}
