package io.batchops.server.drs;

import io.batchops.server.auth.Action;
import io.batchops.server.drs.DrsJobStatus.Phase;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an entry of a DRS batch does to a job (the three {@code delete_type}s of the batch stop or
 * delete, a start, a pause) and the one set of rules that decides, per job, whether it is allowed and
 * what it does. The spec's operation descriptions list the same rules.
 */
public enum JobOperation {
    TERMINATE(Action.DRS_JOB_STOP),
    FORCE_TERMINATE(Action.DRS_JOB_STOP),
    DELETE(Action.DRS_JOB_DELETE),
    START(Action.DRS_JOB_START),
    PAUSE(Action.DRS_JOB_PAUSE);

    /** Configured, so that a start may begin. */
    private static final Set<DrsJobStatus> STARTABLE = EnumSet.of(DrsJobStatus.CONFIGURATION, DrsJobStatus.WAITING_FOR_START);
    /** Transferring, so that a pause may stop the transfer for a while. */
    private static final Set<DrsJobStatus> PAUSABLE = EnumSet.of(DrsJobStatus.FULL_TRANSFER_STARTED,
            DrsJobStatus.FULL_TRANSFER_COMPLETE, DrsJobStatus.INCRE_TRANSFER_STARTED, DrsJobStatus.CHILD_TRANSFER_STARTED,
            DrsJobStatus.CHILD_TRANSFER_COMPLETE);

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
        DrsJobStatus status = job.status();
        if (status.phase() == Phase.DELETED) {
            return refuse(ErrorCode.DRS_JOB_DELETED);
        }
        // A parent job takes part only in the dual-active DR scenario, and never starts itself.
        if (job.role() == JobRole.PARENT && (!job.dualActive() || this == START)) {
            return refuse(ErrorCode.DRS_STATUS_NOT_ALLOWED, status);
        }
        boolean allowed = switch (this) {
            case TERMINATE -> status.phase() == Phase.RUNNING;
            case FORCE_TERMINATE -> status.phase() != Phase.RELEASED;
            case DELETE -> status.deletable();
            case START -> STARTABLE.contains(status);
            case PAUSE -> PAUSABLE.contains(status);
        };
        if (allowed) {
            return Optional.empty();
        }
        if (status.phase() == Phase.TRANSITIONAL) {
            return refuse(ErrorCode.DRS_JOB_BUSY);
        }
        return refuse(ErrorCode.DRS_STATUS_NOT_ALLOWED, status);
    }

    /**
     * {@code job} after {@code command}, begun at {@code now} (by the moves' clock; a deletion is
     * dated {@code controlNow}, by the clock deleted jobs expire by); only called when
     * {@link #refusal} found nothing.
     */
    Job applyTo(Job job, JobCommand command, Instant now, Instant controlNow) {
        return switch (this) {
            case DELETE -> job.deleted(controlNow);
            case PAUSE -> job.withStatus(DrsJobStatus.PAUSING);
            case START -> command.startAt() != null && command.startAt().isAfter(now)
                    ? job.withStatus(DrsJobStatus.WAITING_FOR_START)
                    : job.started(now);
            // A stopped job releases its resources; a child of the dual-active DR scenario its child transfer.
            case TERMINATE, FORCE_TERMINATE -> job.role() == JobRole.CHILD
                    ? job.moving(DrsJobStatus.RELEASE_CHILD_TRANSFER_STARTED, DrsJobStatus.RELEASE_CHILD_TRANSFER_COMPLETE, now)
                    : job.moving(DrsJobStatus.RELEASE_RESOURCE_STARTED, DrsJobStatus.RELEASE_RESOURCE_COMPLETE, now);
        };
    }

    private static Optional<ApiException> refuse(ErrorCode code, Object... args) {
        return Optional.of(ApiException.of(code, args));
    }
}
