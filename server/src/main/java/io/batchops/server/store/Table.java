package io.batchops.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.batchops.server.json.Json;
import io.batchops.server.listing.Listing;
import io.batchops.server.timing.Move;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One table of records: a row holds the record's JSON (the seed file's format) and, in columns of
 * their own, the move under way that the JSON leaves out.
 */
record Table<R, S extends Enum<S>>(String name, String owner, Class<R> type, Class<S> states,
        Function<R, String> idOf, Function<R, Move<S>> moveOf, BiFunction<R, Move<S>, R> withMove,
        List<Listing.Field<R>> fields) {
    /** What a read selects. */
    static final String COLUMNS = "record, move_to, move_started_at, move_reads";

    /** The columns a write sets: the record, its move, and the fields listings use. */
    private String written() {
        return COLUMNS + fields.stream().map(field -> ", " + field.column()).collect(Collectors.joining());
    }

    private String writtenValues() {
        return ":record, :to, :startedAt, :reads" + fields.stream().map(field -> ", :f_" + field.column())
                .collect(Collectors.joining());
    }

    Optional<R> find(Handle handle, String ownerId, String id, boolean lock) {
        if (unstorable(id)) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner AND id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("owner", ownerId).bind("id", id).map((row, context) -> read(row)).findOne();
    }

    List<R> all(Handle handle, String ownerId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner ORDER BY seq")
                .bind("owner", ownerId).map((row, context) -> read(row)).list();
    }

    /** Adds this table's records by state (its first field's column holds the state's name). */
    void countByState(Handle handle, Map<S, Long> counts) {
        String state = fields.get(0).column();
        handle.createQuery("SELECT " + state + " AS state, COUNT(*) AS n FROM " + name + " GROUP BY " + state)
                .map((row, context) -> Map.entry(row.getString("state"), row.getLong("n")))
                .forEach(count -> StoredCounts.add(counts, Enum.valueOf(states, count.getKey()), count.getValue()));
    }

    List<R> everyOwner(Handle handle, Function<R, String> ownerOf) {
        List<R> records = handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " ORDER BY seq")
                .map((row, context) -> read(row)).list();
        // Stable: each owner's records stay oldest first.
        return records.stream().sorted(Comparator.comparing(ownerOf)).toList();
    }

    /** With {@code lock}, the rows are locked in id order. */
    Map<String, R> findAll(Handle handle, String ownerId, List<String> ids, boolean lock) {
        List<String> storable = ids.stream().filter(id -> !unstorable(id)).toList();
        Map<String, R> found = new HashMap<>();
        if (!storable.isEmpty()) {
            handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner AND id IN (<ids>)"
                            + (lock ? " ORDER BY id FOR UPDATE" : ""))
                    .bind("owner", ownerId).bindList("ids", storable).map((row, context) -> read(row))
                    .forEach(record -> found.put(idOf.apply(record), record));
        }
        return found;
    }

    /**
     * Replaces each record with the same owner and id, keeping its place in listings; adds the
     * others last, in the order given.
     */
    void putAll(Handle handle, String ownerId, List<R> records) {
        if (records.isEmpty()) {
            return;
        }
        PreparedBatch updates = handle.prepareBatch("UPDATE " + name + " SET record = :record, move_to = :to, "
                + "move_started_at = :startedAt, move_reads = :reads"
                + fields.stream().map(field -> ", " + field.column() + " = :f_" + field.column()).collect(Collectors.joining())
                + " WHERE " + owner + " = :owner AND id = :id");
        List<Map<String, Object>> rows = records.stream().map(record -> row(ownerId, record)).toList();
        rows.forEach(row -> updates.bindMap(row).add());
        int[] updated = updates.execute();
        PreparedBatch inserts = handle.prepareBatch("INSERT INTO " + name + " (" + owner + ", id, " + written()
                + ") VALUES (:owner, :id, " + writtenValues() + ")");
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                inserts.bindMap(rows.get(i)).add();
            }
        }
        if (inserts.size() > 0) {
            inserts.execute();
        }
    }

    /** One statement a row, sent as one batch: H2 deletes by an IN list only by reading the tenant's every row. */
    void removeAll(Handle handle, String ownerId, List<String> ids) {
        PreparedBatch deletes = handle.prepareBatch("DELETE FROM " + name + " WHERE " + owner + " = :owner AND id = :id");
        ids.stream().filter(id -> !unstorable(id)).forEach(id -> deletes.bind("owner", ownerId).bind("id", id).add());
        if (deletes.size() > 0) {
            deletes.execute();
        }
    }

    private Map<String, Object> row(String ownerId, R record) {
        Move<S> move = moveOf.apply(record);
        Map<String, Object> row = new HashMap<>();
        row.put("owner", ownerId);
        row.put("id", idOf.apply(record));
        row.put("record", json(record));
        row.put("to", move == null ? null : move.to().name());
        row.put("startedAt", move == null ? null : epochNanos(move.startedAt()));
        row.put("reads", move == null ? null : move.reads());
        fields.forEach(field -> row.put("f_" + field.column(), Fields.held(field.of(record))));
        return row;
    }

    /** The listing in SQL: the count, then only the page's rows. */
    Listing.Result<R> list(Handle handle, String ownerId, Listing<R> listing) {
        return new ListingQuery<>(this, ownerId, listing).run(handle);
    }

    /** The records with a move under way, oldest first. */
    List<R> moving(Handle handle, String ownerId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner
                + " = :owner AND move_to IS NOT NULL ORDER BY seq").bind("owner", ownerId)
                .map((row, context) -> read(row)).list();
    }

    /** PostgreSQL's text holds no U+0000, so no stored record has an id with it (a path's %00). */
    static boolean unstorable(String id) {
        return id.indexOf('\0') >= 0;
    }

    R read(ResultSet row) throws SQLException {
        R record;
        try {
            record = Json.MAPPER.readValue(row.getString("record"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record in " + name + " is not what this version wrote: " + e.getOriginalMessage(), e);
        }
        String to = row.getString("move_to");
        if (to == null) {
            return record;
        }
        Instant startedAt = Instant.ofEpochSecond(0, row.getLong("move_started_at"));
        return withMove.apply(record, new Move<>(Enum.valueOf(states, to), startedAt, row.getInt("move_reads")));
    }

    private String json(R record) {
        try {
            return Json.MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type.getSimpleName() + " as JSON", e);
        }
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
