package io.batchops.contract;

import io.batchops.server.ServerConfig;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobStatus;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the server holds: read straight from its store, or listed through the API. */
final class State {
    private State() {
    }

    static boolean taskExists(String domain, String id) {
        return TestServer.store().inAccount(domain, account -> account.task(id).isPresent());
    }

    static Optional<JobStatus> jobStatus(String project, String id) {
        return TestServer.store().inProject(project, jobs -> jobs.job(id).map(Job::status));
    }

    /**
     * Where each task and job of {@code seed} stands now: present or gone, and each job's status. Two
     * snapshots are equal when a request changed none of them.
     */
    static TreeMap<String, String> of(Seed seed) {
        TreeMap<String, String> snapshot = new TreeMap<>();
        seed.tasks().forEach(task -> snapshot.put("task " + task.domainId() + "/" + task.id(),
                taskExists(task.domainId(), task.id()) ? "present" : "gone"));
        seed.jobs().forEach(job -> snapshot.put("job " + job.projectId() + "/" + job.id(),
                jobStatus(job.projectId(), job.id()).map(Enum::name).orElse("gone")));
        return snapshot;
    }

    /** What the API lists of Alice's state: sources, tasks, jobs and their statuses, and the timing. */
    static String listing() {
        return String.join("\n",
                Wire.to(Contract.SMS, "GET", "/v3/sources").token(TestServer.ALICE_TOKEN).send().body(),
                Wire.to(Contract.SMS, "GET", "/v3/tasks").token(TestServer.ALICE_TOKEN).send().body(),
                Wire.to(Contract.DRS, "POST", "/v3/" + TestServer.ALICE_PROJECT + "/jobs").token(TestServer.ALICE_TOKEN)
                        .body(Map.of("cur_page", 1, "per_page", 100, "db_use_type", "migration")).send().body(),
                Wire.to(Contract.ADMIN, "GET", "/_batchops/timing")
                        .header("X-Batchops-Admin-Token", ServerConfig.DEVELOPMENT_ADMIN_TOKEN).send().body());
    }
}
