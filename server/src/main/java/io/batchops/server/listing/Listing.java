package io.batchops.server.listing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a listing asks of a tenant's records: those every condition holds for, in an order (oldest
 * first when none is given), one page of them, and how many match. The in-memory store tests each
 * record; a database store asks the same in SQL, of columns that hold the fields, and reads only
 * the page.
 *
 * @param limit at most this many records; null: all from {@code offset}
 */
public record Listing<R>(List<Condition<R>> conditions, Field<R> orderBy, boolean descending, int offset, Integer limit) {

    public Listing {
        conditions = List.copyOf(conditions);
        if (offset < 0 || limit != null && limit < 0) {
            throw new IllegalArgumentException("offset and limit are counts: " + offset + ", " + limit);
        }
    }

    /** A condition no record meets. */
    public static <R> Condition<R> nothing() {
        return new AnyOf<>(List.of());
    }

    /** A value of a record that listings match and sort on, held in a database column of that name. */
    public record Field<R>(String column, Function<R, ? extends Comparable<?>> value) {
        public Object of(R record) {
            return value.apply(record);
        }

        @Override
        public String toString() {
            return column;
        }
    }

    /** What a record must be to be listed. A field that is null matches nothing but {@link Not}. */
    public sealed interface Condition<R> {
        boolean test(R record);
    }

    /** The field equals {@code value}. */
    public record Equal<R>(Field<R> field, Object value) implements Condition<R> {
        @Override
        public boolean test(R record) {
            return Objects.equals(field.of(record), value) && value != null;
        }
    }

    /** The field, text, contains {@code text}. */
    public record Contains<R>(Field<R> field, String text) implements Condition<R> {
        @Override
        public boolean test(R record) {
            return field.of(record) instanceof String value && value.contains(text);
        }
    }

    /** The field equals one of {@code values}. */
    public record OneOf<R>(Field<R> field, List<?> values) implements Condition<R> {
        public OneOf {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(R record) {
            Object value = field.of(record);
            return value != null && values.contains(value);
        }
    }

    /** At least one of {@code conditions} holds. */
    public record AnyOf<R>(List<Condition<R>> conditions) implements Condition<R> {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(R record) {
            return conditions.stream().anyMatch(condition -> condition.test(record));
        }
    }

    /** {@code condition} does not hold. */
    public record Not<R>(Condition<R> condition) implements Condition<R> {
        @Override
        public boolean test(R record) {
            return !condition.test(record);
        }
    }

    /** One page of what matched, and how many matched in all. */
    public record Result<R>(int total, List<R> records) {
        public Result {
            records = List.copyOf(records);
        }
    }

    /** This listing of {@code records}, a tenant's, oldest first. */
    public Result<R> of(List<R> records) {
        List<R> matching = new ArrayList<>();
        for (R record : records) {
            if (conditions.stream().allMatch(condition -> condition.test(record))) {
                matching.add(record);
            }
        }
        if (orderBy != null) {
            // Stable: records that sort alike stay oldest first, in either direction.
            matching.sort(descending ? order().reversed() : order());
        }
        int from = Math.min(offset, matching.size());
        int to = limit == null ? matching.size() : (int) Math.min((long) from + limit, matching.size());
        return new Result<>(matching.size(), matching.subList(from, to));
    }

    /** Nulls first, as the database store sorts them ({@code NULLS FIRST}; {@code NULLS LAST} descending). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<R> order() {
        return Comparator.comparing(record -> (Comparable) orderBy.of(record), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
