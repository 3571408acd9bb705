package io.batchops.contract;

import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobRole;
import io.batchops.server.drs.JobStatus;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SourceServer;
import io.batchops.server.sms.SourceServerState;
import io.batchops.server.sms.TaskState;
import io.batchops.server.store.Fixtures;
import java.util.ArrayList;
import java.util.List;

/** Builds the state a test starts from. */
final class Seed {
    /** A source server that never blocks its tasks' deletion. */
    static final String IDLE_SOURCE = "src-idle";

    private final List<SourceServer> sources = new ArrayList<>();
    private final List<MigrationTask> tasks = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();

    static Seed empty() {
        return new Seed();
    }

    /** The state a fixtures document (the seed file's format) describes. */
    static Seed of(Fixtures fixtures) {
        Seed seed = new Seed();
        seed.sources.addAll(fixtures.sms().sources());
        seed.tasks.addAll(fixtures.sms().tasks());
        seed.jobs.addAll(fixtures.drs().jobs());
        return seed;
    }

    /**
     * A little of everything Alice can hold: a syncing and a stopped source with a task each, and a
     * running and a finished job; what tests of rejected requests check stays untouched.
     */
    static Seed aliceSample() {
        return new Seed()
                .source("s1", TestServer.ALICE_DOMAIN, SourceServerState.SYNCING, true)
                .source("s2", TestServer.ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .task("t1", TestServer.ALICE_DOMAIN, "s1")
                .task("t2", TestServer.ALICE_DOMAIN, "s2")
                .job("j1", TestServer.ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("j2", TestServer.ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE);
    }

    /** Tasks of {@code domain} on an idle, connected source server: all deletable. */
    static Seed deletableTasks(String domain, List<String> ids) {
        Seed seed = new Seed().source(IDLE_SOURCE + "-" + domain, domain, SourceServerState.STOPPED, true);
        ids.forEach(id -> seed.task(id, domain, IDLE_SOURCE + "-" + domain));
        return seed;
    }

    /** Standalone jobs of {@code project}, all in {@code status}. */
    static Seed jobs(String project, JobStatus status, List<String> ids) {
        Seed seed = new Seed();
        ids.forEach(id -> seed.job(id, project, status));
        return seed;
    }

    Seed source(String id, String domain, SourceServerState state, boolean connected) {
        return source(new SourceServer(id, domain, "server-" + id, state, connected));
    }

    Seed source(SourceServer source) {
        sources.add(source);
        return this;
    }

    Seed task(String id, String domain, String sourceId) {
        return task(id, domain, sourceId, TaskState.READY);
    }

    Seed task(String id, String domain, String sourceId, TaskState state) {
        return task(new MigrationTask(id, domain, "task-" + id, sourceId, state));
    }

    Seed task(MigrationTask task) {
        tasks.add(task);
        return this;
    }

    Seed job(String id, String project, JobStatus status) {
        return job(id, project, status, JobRole.STANDALONE, false);
    }

    Seed job(String id, String project, JobStatus status, JobRole role, boolean dualActive) {
        return job(new Job(id, project, "job-" + id, status, role, dualActive));
    }

    Seed job(Job job) {
        jobs.add(job);
        return this;
    }

    Seed and(Seed other) {
        sources.addAll(other.sources);
        tasks.addAll(other.tasks);
        jobs.addAll(other.jobs);
        return this;
    }

    List<MigrationTask> tasks() {
        return List.copyOf(tasks);
    }

    List<Job> jobs() {
        return List.copyOf(jobs);
    }

    Fixtures fixtures() {
        return new Fixtures(new Fixtures.Sms(sources, tasks), new Fixtures.Drs(jobs));
    }

    /** Makes this the server's whole state. */
    void load() {
        TestServer.reset(fixtures());
    }
}
