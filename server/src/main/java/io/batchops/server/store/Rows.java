package io.batchops.server.store;

import io.batchops.server.listing.Listing;
import io.batchops.server.store.JdbcStore.Reach;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One tenant's records of a table within a unit: each row read at most once, and the unit's
 * writes held, then written in one batch of statements when the unit ends (a unit that fails
 * writes nothing). A read sees the unit's writes. In a unit over named records, each row is locked
 * as it is read, and the reads over many rows are refused.
 */
final class Rows<R, S extends Enum<S>> {
    /** Ids in one IN list: well under the bind-parameter limits of H2 and PostgreSQL. */
    private static final int CHUNK = 500;

    private final Table<R, S> table;
    private final Handle handle;
    private final String ownerId;
    private final boolean lookupsInOneQuery;
    private final boolean lockRows;
    /** What the unit knows of each id: read, written, or known absent. */
    private final Map<String, Optional<R>> known = new HashMap<>();
    /** The unit's writes, in the order first made: a record, or empty where removed. */
    private final Map<String, Optional<R>> pending = new LinkedHashMap<>();

    Rows(Table<R, S> table, Handle handle, String ownerId, boolean lookupsInOneQuery, Reach reach) {
        this.table = table;
        this.handle = handle;
        this.ownerId = ownerId;
        this.lookupsInOneQuery = lookupsInOneQuery;
        this.lockRows = reach == Reach.NAMED;
    }

    Optional<R> find(String id) {
        Optional<R> record = known.get(id);
        if (record == null) {
            record = table.find(handle, ownerId, id, lockRows);
            known.put(id, record);
        }
        return record;
    }

    Map<String, R> find(Collection<String> ids) {
        // In id order, so that two units locking rows they share take them in the same order.
        List<String> unread = ids.stream().filter(id -> !known.containsKey(id)).distinct().sorted().toList();
        if (!lookupsInOneQuery) {
            unread.forEach(this::find);
            unread = List.of();
        }
        for (int from = 0; from < unread.size(); from += CHUNK) {
            List<String> chunk = unread.subList(from, Math.min(from + CHUNK, unread.size()));
            Map<String, R> read = table.findAll(handle, ownerId, chunk, lockRows);
            chunk.forEach(id -> known.put(id, Optional.ofNullable(read.get(id))));
        }
        Map<String, R> found = new LinkedHashMap<>();
        for (String id : ids) {
            known.get(id).ifPresent(record -> found.put(id, record));
        }
        return found;
    }

    List<R> all() {
        requireTenant();
        flush();
        return remembered(table.all(handle, ownerId));
    }

    Listing.Result<R> list(Listing<R> listing) {
        requireTenant();
        flush();
        Listing.Result<R> result = table.list(handle, ownerId, listing);
        remembered(result.records());
        return result;
    }

    List<R> moving() {
        requireTenant();
        flush();
        return remembered(table.moving(handle, ownerId));
    }

    /** A unit over named records locks what it reads; it cannot lock rows it has not named. */
    private void requireTenant() {
        if (lockRows) {
            throw new IllegalStateException("a unit over named records reads " + table.name() + " by id only");
        }
    }

    private List<R> remembered(List<R> records) {
        records.forEach(record -> known.put(table.idOf().apply(record), Optional.of(record)));
        return records;
    }

    void put(R record) {
        String id = table.idOf().apply(record);
        if (pending.containsKey(id) && pending.get(id).isEmpty()) {
            // Removed, then put again: the row goes first, so that the record comes last in listings.
            flush();
        }
        known.put(id, Optional.of(record));
        pending.put(id, Optional.of(record));
    }

    void remove(String id) {
        known.put(id, Optional.empty());
        pending.put(id, Optional.empty());
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> removed = new ArrayList<>();
        List<R> written = new ArrayList<>();
        pending.forEach((id, record) -> record.ifPresentOrElse(written::add, () -> removed.add(id)));
        pending.clear();
        for (int from = 0; from < removed.size(); from += CHUNK) {
            table.removeAll(handle, ownerId, removed.subList(from, Math.min(from + CHUNK, removed.size())));
        }
        table.putAll(handle, ownerId, written);
    }
}
