package io.batchops.server.sms;

import io.batchops.server.listing.Listing.Field;

/** The fields of a task that listings match and sort on (a database store keeps each in a column). */
public final class TaskFields {
    public static final Field<MigrationTask> ID = new Field<>("id", MigrationTask::id);
    public static final Field<MigrationTask> STATE = new Field<>("state", task -> task.state().name());
    public static final Field<MigrationTask> NAME = new Field<>("name", MigrationTask::name);
    public static final Field<MigrationTask> SOURCE = new Field<>("source_id", MigrationTask::sourceId);

    private TaskFields() {
    }
}
