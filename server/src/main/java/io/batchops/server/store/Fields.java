package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobFields;
import io.batchops.server.listing.Listing.Field;
import io.batchops.server.sms.MigrationSource;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SourceFields;
import io.batchops.server.sms.TaskFields;
import java.util.List;

/**
 * The fields a database store keeps in columns of their own beside each record's JSON (which holds
 * them too), for listings to match and sort on, for counting records by state, and for forgetting deleted jobs. States are stored and compared by their names.
 */
final class Fields {
    /** The columns a database store writes beside each task's JSON (its id has one already). */
    static final List<Field<MigrationTask>> TASK_COLUMNS = List.of(TaskFields.STATE, TaskFields.NAME, TaskFields.SOURCE);
    /** The columns a database store writes beside each source server's JSON. */
    static final List<Field<MigrationSource>> SOURCE_COLUMNS = List.of(SourceFields.STATE);
    /** The columns a database store writes beside each job's JSON. */
    static final List<Field<Job>> JOB_COLUMNS = List.of(JobFields.STATUS, JobFields.NAME, JobFields.DB_USE_TYPE,
            JobFields.ENGINE_TYPE, JobFields.NET_TYPE, JobFields.CREATE_TIME, JobFields.DELETE_TIME);

    private Fields() {
    }

    /**
     * A field's value as its column holds it. PostgreSQL's text holds no U+0000: a name with one (the
     * record's JSON keeps it exactly) is held with U+FFFD in its place, and so is a value looked for.
     */
    static Object held(Object value) {
        return value instanceof String text && text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : value;
    }
}
