package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 4: when each deleted job was deleted, in its record and in a column of its own
 * ({@link io.batchops.server.drs.JobFields#DELETE_TIME}), by which the jobs kept their time are
 * found and forgotten. Jobs deleted before this version recorded no time: they count as deleted now,
 * so they are kept the full time from here.
 */
final class DeleteTimeColumn extends StoreMigration {
    DeleteTimeColumn() {
        super("4", "delete time column");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE drs_jobs ADD COLUMN delete_time BIGINT");
            statement.execute("CREATE INDEX drs_jobs_by_delete_time ON drs_jobs (delete_time)");
        }
        Instant now = Instant.now();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT project_id, id, record FROM drs_jobs WHERE status = 'DELETED'");
                PreparedStatement write = connection.prepareStatement(
                        "UPDATE drs_jobs SET record = ?, delete_time = ? WHERE project_id = ? AND id = ?")) {
            int held = 0;
            while (rows.next()) {
                Job deleted = Json.MAPPER.readValue(rows.getString("record"), Job.class).loadedAt(now);
                write.setString(1, Json.MAPPER.writeValueAsString(deleted));
                write.setLong(2, deleted.deleteTime());
                write.setString(3, rows.getString("project_id"));
                write.setString(4, rows.getString("id"));
                write.addBatch();
                if (++held % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
    }
}
