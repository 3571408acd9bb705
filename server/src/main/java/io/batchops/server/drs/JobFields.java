package io.batchops.server.drs;

import io.batchops.server.listing.Listing.Field;

/** The fields of a job that listings match and sort on (a database store keeps each in a column). */
public final class JobFields {
    public static final Field<Job> ID = new Field<>("id", Job::id);
    public static final Field<Job> STATUS = new Field<>("status", job -> job.status().name());
    public static final Field<Job> NAME = new Field<>("name", Job::name);
    public static final Field<Job> DB_USE_TYPE = new Field<>("db_use_type", Job::dbUseType);
    public static final Field<Job> ENGINE_TYPE = new Field<>("engine_type", Job::engineType);
    public static final Field<Job> NET_TYPE = new Field<>("net_type", Job::netType);
    public static final Field<Job> CREATE_TIME = new Field<>("create_time", Job::createTime);
    /** Not matched or sorted on: a database store finds by it the deleted jobs kept their time. */
    public static final Field<Job> DELETE_TIME = new Field<>("delete_time", Job::deleteTime);

    private JobFields() {
    }
}
