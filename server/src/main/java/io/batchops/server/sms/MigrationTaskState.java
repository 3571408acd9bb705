package io.batchops.server.sms;

/** States of an SMS migration task, as the official SDK lists them. */
public enum MigrationTaskState {
    READY,
    RUNNING,
    SYNCING,
    MIGRATE_SUCCESS,
    MIGRATE_FAIL,
    ABORTING,
    ABORT,
    DELETING,
    SYNC_F_ROLLBACKING,
    SYNC_F_ROLLBACK_SUCCESS
}
