package io.batchops.server.store;

import io.batchops.server.sms.MigrationSource;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 3: the source servers' state in a column of its own ({@link Fields#SOURCE_COLUMNS}), filled
 * from each stored record's JSON, so that the records by state are counted by the database, not read.
 */
final class SourceStateColumn implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "source state column";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sms_sources ADD COLUMN state VARCHAR(64)");
        }
        ListingColumns.fill(connection, "sms_sources", "domain_id", MigrationSource.class, Fields.SOURCE_COLUMNS);
    }
}
