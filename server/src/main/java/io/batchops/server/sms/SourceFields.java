package io.batchops.server.sms;

import io.batchops.server.listing.Listing.Field;

/** The fields of a source server a database store keeps in columns of their own. */
public final class SourceFields {
    public static final Field<MigrationSource> STATE = new Field<>("state", source -> source.state().name());

    private SourceFields() {
    }
}
