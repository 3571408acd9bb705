package io.batchops.server.drs;

import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.store.Job;
import io.batchops.server.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Batch stop and delete of DRS jobs: each entry on its own, in order, in one unit of work. */
public final class DrsJobService {
    private final Store store;

    public DrsJobService(Store store) {
        this.store = store;
    }

    /**
     * Applies each command in order and reports each outcome at the same position. The caller needs
     * every action the batch uses; a missing one refuses the whole batch before anything changes.
     */
    public List<JobOutcome> apply(Principal caller, String projectId, List<JobCommand> commands) {
        commands.stream().map(command -> command.operation().action()).distinct()
                .forEach(action -> caller.require(action, "drs:" + projectId + ":job:*"));
        return store.inProject(projectId, project -> {
            Set<String> touched = new HashSet<>();
            List<JobOutcome> outcomes = new ArrayList<>(commands.size());
            for (JobCommand command : commands) {
                outcomes.add(applyOne(project, command, touched));
            }
            return outcomes;
        });
    }

    private static JobOutcome applyOne(Store.Project project, JobCommand command, Set<String> touched) {
        Optional<Job> found = project.job(command.jobId());
        if (found.isEmpty()) {
            return JobOutcome.failed(command.jobId(), ApiException.of(ErrorCode.DRS_JOB_NOT_FOUND));
        }
        // A transition begun by an earlier request has completed; one begun by this request has not.
        Job job = touched.add(command.jobId()) ? found.get().settled() : found.get();
        Optional<ApiException> refusal = command.operation().refusal(job);
        project.put(refusal.isPresent() ? job : command.operation().applyTo(job));
        return refusal.map(error -> JobOutcome.failed(command.jobId(), error))
                .orElseGet(() -> JobOutcome.succeeded(command.jobId()));
    }
}
