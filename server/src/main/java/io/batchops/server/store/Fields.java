package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.store.Listing.Field;
import java.util.List;

/**
 * The fields listings match and sort on, each kept by a database store in a column of its own (the
 * record's JSON holds them too). States are stored and compared by their names.
 */
public final class Fields {
    public static final Field<MigrationTask> TASK_ID = new Field<>("id", MigrationTask::id);
    public static final Field<MigrationTask> TASK_STATE = new Field<>("state", task -> task.state().name());
    public static final Field<MigrationTask> TASK_NAME = new Field<>("name", MigrationTask::name);
    public static final Field<MigrationTask> TASK_SOURCE = new Field<>("source_id", MigrationTask::sourceId);

    public static final Field<Job> JOB_ID = new Field<>("id", Job::id);
    public static final Field<Job> JOB_STATUS = new Field<>("status", job -> job.status().name());
    public static final Field<Job> JOB_NAME = new Field<>("name", Job::name);
    public static final Field<Job> JOB_DB_USE_TYPE = new Field<>("db_use_type", Job::dbUseType);
    public static final Field<Job> JOB_ENGINE_TYPE = new Field<>("engine_type", Job::engineType);
    public static final Field<Job> JOB_NET_TYPE = new Field<>("net_type", Job::netType);
    public static final Field<Job> JOB_CREATE_TIME = new Field<>("create_time", Job::createTime);

    /** The columns a database store writes beside each task's JSON (its id has one already). */
    static final List<Field<MigrationTask>> TASK_COLUMNS = List.of(TASK_STATE, TASK_NAME, TASK_SOURCE);
    /** The columns a database store writes beside each job's JSON. */
    static final List<Field<Job>> JOB_COLUMNS = List.of(JOB_STATUS, JOB_NAME, JOB_DB_USE_TYPE, JOB_ENGINE_TYPE,
            JOB_NET_TYPE, JOB_CREATE_TIME);

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
