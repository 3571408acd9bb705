package io.batchops.server.drs;

/**
 * Statuses of a DRS job, as the real service names them, each with the phase that the batch
 * stop/delete rules look at. Only CREATE_FAILED and the two released statuses can be deleted.
 */
public enum DrsJobStatus {
    CREATING(Phase.TRANSITIONAL),
    CREATE_FAILED(Phase.FAILED, true),
    CONFIGURATION(Phase.RUNNING),
    STARTJOBING(Phase.TRANSITIONAL),
    WAITING_FOR_START(Phase.RUNNING),
    START_JOB_FAILED(Phase.FAILED),
    /** Paused ("已暂停" in the SDK's description of each status): settled, and terminate stops it. */
    PAUSING(Phase.RUNNING),
    FULL_TRANSFER_STARTED(Phase.RUNNING),
    FULL_TRANSFER_FAILED(Phase.FAILED),
    FULL_TRANSFER_COMPLETE(Phase.RUNNING),
    INCRE_TRANSFER_STARTED(Phase.RUNNING),
    INCRE_TRANSFER_FAILED(Phase.FAILED),
    RELEASE_RESOURCE_STARTED(Phase.TRANSITIONAL),
    RELEASE_RESOURCE_FAILED(Phase.FAILED),
    RELEASE_RESOURCE_COMPLETE(Phase.RELEASED, true),
    REBUILD_NODE_STARTED(Phase.TRANSITIONAL),
    REBUILD_NODE_FAILED(Phase.FAILED),
    CHANGE_JOB_STARTED(Phase.TRANSITIONAL),
    CHANGE_JOB_FAILED(Phase.FAILED),
    DELETED(Phase.DELETED),
    CHILD_TRANSFER_STARTING(Phase.TRANSITIONAL),
    CHILD_TRANSFER_STARTED(Phase.RUNNING),
    CHILD_TRANSFER_COMPLETE(Phase.RUNNING),
    CHILD_TRANSFER_FAILED(Phase.FAILED),
    RELEASE_CHILD_TRANSFER_STARTED(Phase.TRANSITIONAL),
    RELEASE_CHILD_TRANSFER_COMPLETE(Phase.RELEASED, true),
    NODE_UPGRADE_START(Phase.TRANSITIONAL),
    NODE_UPGRADE_COMPLETE(Phase.RUNNING),
    NODE_UPGRADE_FAILED(Phase.FAILED);

    /** Where a job stands, as far as stopping and deleting it go. */
    public enum Phase {
        /** Another operation is under way (DRS.M01504 for terminate and delete). */
        TRANSITIONAL,
        /** Running or configured: terminate stops it. */
        RUNNING,
        /** Failed: only force_terminate stops it. */
        FAILED,
        /** Stopped and its resources released. */
        RELEASED,
        DELETED
    }

    private final Phase phase;
    private final boolean deletable;

    DrsJobStatus(Phase phase) {
        this(phase, false);
    }

    DrsJobStatus(Phase phase, boolean deletable) {
        this.phase = phase;
        this.deletable = deletable;
    }

    public Phase phase() {
        return phase;
    }

    public boolean deletable() {
        return deletable;
    }
}
