package io.batchops.server.sms;

/** States of an SMS migration task, as the real service names them. */
public enum TaskState {
    READY,
    RUNNING,
    SYNCING,
    MIGRATE_SUCCESS,
    SYNC_SUCCESS,
    MIGRATE_FAIL,
    SYNC_FAIL,
    ABORTING,
    ABORT,
    SKIPPING,
    DELETING,
    RESETING
}
