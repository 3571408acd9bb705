package io.batchops.contract;

import io.batchops.server.store.Job;
import io.batchops.server.store.JobStatus;
import java.util.Optional;

/** What the server holds, read straight from its store (the API has no read operations yet). */
final class State {
    private State() {
    }

    static boolean taskExists(String domain, String id) {
        return TestServer.store().inAccount(domain, account -> account.task(id).isPresent());
    }

    static Optional<JobStatus> jobStatus(String project, String id) {
        return TestServer.store().inProject(project, project1 -> project1.job(id).map(Job::status));
    }
}
