package io.batchops.server.drs;

import io.batchops.server.auth.Action;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.drs.JobStatus.Phase;
import java.time.Instant;
import java.util.Optional;

/**
 * The three {@code delete_type}s and the one set of rules that decides, per job, whether each is
 * allowed and what it does. The spec's operation description lists the same rules.
 */
public enum JobOperation {
    TERMINATE(Action.DRS_JOB_STOP),
    FORCE_TERMINATE(Action.DRS_JOB_STOP),
    DELETE(Action.DRS_JOB_DELETE);

    private final Action action;

    JobOperation(Action action) {
        this.action = action;
    }

    /** The action a principal needs for this operation. */
    public Action action() {
        return action;
    }

    /** Why this operation may not be applied to {@code job} now, if it may not. */
    Optional<ApiException> refusal(Job job) {
        JobStatus status = job.status();
        if (status.phase() == Phase.DELETED) {
            return refuse(ErrorCode.DRS_JOB_DELETED);
        }
        if (job.role() == JobRole.PARENT && !job.dualActive()) {
            return refuse(ErrorCode.DRS_STATUS_NOT_ALLOWED, status);
        }
        boolean allowed = switch (this) {
            case TERMINATE -> status.phase() == Phase.RUNNING;
            case FORCE_TERMINATE -> status.phase() != Phase.RELEASED;
            case DELETE -> status.deletable();
        };
        if (allowed) {
            return Optional.empty();
        }
        if (status.phase() == Phase.TRANSITIONAL) {
            return refuse(ErrorCode.DRS_JOB_BUSY);
        }
        return refuse(ErrorCode.DRS_STATUS_NOT_ALLOWED, status);
    }

    /** {@code job} after this operation, begun at {@code now}; only called when {@link #refusal} found nothing. */
    Job applyTo(Job job, Instant now) {
        if (this == DELETE) {
            return job.withStatus(JobStatus.DELETED);
        }
        // A stopped job releases its resources; a child of the dual-active DR scenario its child transfer.
        return job.role() == JobRole.CHILD
                ? job.moving(JobStatus.RELEASE_CHILD_TRANSFER_STARTED, JobStatus.RELEASE_CHILD_TRANSFER_COMPLETE, now)
                : job.moving(JobStatus.RELEASE_RESOURCE_STARTED, JobStatus.RELEASE_RESOURCE_COMPLETE, now);
    }

    private static Optional<ApiException> refuse(ErrorCode code, Object... args) {
        return Optional.of(ApiException.of(code, args));
    }
}
