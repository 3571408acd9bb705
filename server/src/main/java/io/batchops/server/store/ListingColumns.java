package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobFields;
import io.batchops.server.json.Json;
import io.batchops.server.listing.Listing;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.TaskFields;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 2: the columns listings filter and sort on ({@link Fields}), filled from each stored
 * record's JSON, so that a listing reads only its page. In Java because PostgreSQL needs the "C"
 * collation on the columns sorted by (its default follows the server's locale; batchops sorts as
 * Java does) and because the values come from the records.
 */
final class ListingColumns extends StoreMigration {
    private record Column(String table, String name, String type) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("sms_tasks", "state", "VARCHAR(64)"),
            new Column("sms_tasks", "name", "TEXT"),
            new Column("sms_tasks", "source_id", "VARCHAR"),
            new Column("drs_jobs", "status", "TEXT"),
            new Column("drs_jobs", "name", "TEXT"),
            new Column("drs_jobs", "db_use_type", "VARCHAR"),
            new Column("drs_jobs", "engine_type", "VARCHAR"),
            new Column("drs_jobs", "net_type", "VARCHAR"),
            new Column("drs_jobs", "create_time", "BIGINT"));

    /**
     * The fields as this migration made them columns: the schema of version 2, which later
     * migrations build on, so not {@link Fields}' lists, which grow with them.
     */
    private static final List<Listing.Field<MigrationTask>> TASK_FIELDS = List.of(TaskFields.STATE, TaskFields.NAME,
            TaskFields.SOURCE);
    private static final List<Listing.Field<Job>> JOB_FIELDS = List.of(JobFields.STATUS, JobFields.NAME,
            JobFields.DB_USE_TYPE, JobFields.ENGINE_TYPE, JobFields.NET_TYPE, JobFields.CREATE_TIME);

    ListingColumns() {
        super("2", "listing columns");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        try (Statement statement = connection.createStatement()) {
            for (Column column : COLUMNS) {
                String type = column.type().equals("TEXT") ? (postgres ? "VARCHAR COLLATE \"C\"" : "VARCHAR") : column.type();
                statement.execute("ALTER TABLE " + column.table() + " ADD COLUMN " + column.name() + " " + type);
            }
            statement.execute("CREATE INDEX drs_jobs_by_create_time ON drs_jobs (project_id, create_time)");
        }
        fill(connection, "sms_tasks", "domain_id", MigrationTask.class, TASK_FIELDS);
        fill(connection, "drs_jobs", "project_id", Job.class, JOB_FIELDS);
    }

    /** Sets each row's {@code fields} columns from its record's JSON. */
    static <R> void fill(Connection connection, String table, String owner, Class<R> type,
            List<Listing.Field<R>> fields) throws Exception {
        String update = "UPDATE " + table + " SET " + fields.stream().map(field -> field.column() + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE " + owner + " = ? AND id = ?";
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT " + owner + ", id, record FROM " + table);
                PreparedStatement write = connection.prepareStatement(update)) {
            int held = 0;
            while (rows.next()) {
                R record = Json.MAPPER.readValue(rows.getString("record"), type);
                int index = 1;
                for (Listing.Field<R> field : fields) {
                    write.setObject(index++, Fields.held(field.of(record)));
                }
                write.setString(index++, rows.getString(owner));
                write.setString(index, rows.getString("id"));
                write.addBatch();
                if (++held % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
    }
}
