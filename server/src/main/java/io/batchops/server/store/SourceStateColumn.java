package io.batchops.server.store;

import io.batchops.server.sms.MigrationSource;
import io.batchops.server.sms.SourceFields;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 3: the source servers' state in a column of its own (now one of {@link Fields#SOURCE_COLUMNS}), filled
 * from each stored record's JSON, so that the records by state are counted by the database, not read.
 */
final class SourceStateColumn extends StoreMigration {
    SourceStateColumn() {
        super("3", "source state column");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sms_sources ADD COLUMN state VARCHAR(64)");
        }
        // The column as version 3 made it, not Fields' list, which may grow with later versions.
        ListingColumns.fill(connection, "sms_sources", "domain_id", MigrationSource.class, List.of(SourceFields.STATE));
    }
}
