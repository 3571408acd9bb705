package io.batchops.server.store;

import io.batchops.server.listing.Listing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A listing of one tenant's records of a table, in SQL: its conditions become one WHERE clause whose
 * values are all bound by name (no value is ever written into the SQL), then the count and the page's
 * rows are read. Only the table's own column names enter the text.
 */
final class ListingQuery<R> {
    private final Table<R, ?> table;
    private final Listing<R> listing;
    private final Map<String, Object> binds = new HashMap<>();
    private final String where;

    ListingQuery(Table<R, ?> table, String ownerId, Listing<R> listing) {
        this.table = table;
        this.listing = listing;
        StringBuilder clause = new StringBuilder(" WHERE ").append(table.owner()).append(" = ").append(bind(ownerId));
        for (Listing.Condition<R> condition : listing.conditions()) {
            clause.append(" AND ").append(sql(condition));
        }
        this.where = clause.toString();
    }

    /** The count of every matching row, then only the page's rows. */
    Listing.Result<R> run(Handle handle) {
        int total = handle.createQuery("SELECT COUNT(*) FROM " + table.name() + where).bindMap(binds).mapTo(Integer.class).one();
        if (total <= listing.offset()) {
            return new Listing.Result<>(total, List.of());
        }
        List<R> page = handle.createQuery(pageQuery()).bindMap(binds).map((row, context) -> table.read(row)).list();
        return new Listing.Result<>(total, page);
    }

    /** The page, in the listing's order, ties (and nulls, by direction) oldest first. */
    private String pageQuery() {
        StringBuilder query = new StringBuilder("SELECT ").append(Table.COLUMNS).append(" FROM ").append(table.name())
                .append(where).append(" ORDER BY ");
        if (listing.orderBy() != null) {
            query.append(column(listing.orderBy())).append(listing.descending() ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
        }
        query.append("seq OFFSET ").append(listing.offset()).append(" ROWS");
        if (listing.limit() != null) {
            query.append(" FETCH FIRST ").append(listing.limit()).append(" ROWS ONLY");
        }
        return query.toString();
    }

    /**
     * A condition as SQL, its values bound as the columns hold them ({@link Fields#held}); an id with
     * U+0000 matches no row, as none is stored.
     */
    private String sql(Listing.Condition<R> condition) {
        if (condition instanceof Listing.Equal<R> equal) {
            return matchable(equal.field(), equal.value())
                    ? column(equal.field()) + " = " + bind(Fields.held(equal.value())) : "1 = 0";
        }
        if (condition instanceof Listing.Contains<R> contains) {
            return matchable(contains.field(), contains.text()) ? column(contains.field()) + " LIKE "
                    + bind("%" + likeEscaped(String.valueOf(Fields.held(contains.text()))) + "%") + " ESCAPE '!'" : "1 = 0";
        }
        if (condition instanceof Listing.OneOf<R> oneOf) {
            List<String> names = oneOf.values().stream().filter(value -> matchable(oneOf.field(), value))
                    .map(value -> bind(Fields.held(value))).toList();
            return names.isEmpty() ? "1 = 0" : column(oneOf.field()) + " IN (" + String.join(", ", names) + ")";
        }
        if (condition instanceof Listing.AnyOf<R> anyOf) {
            return anyOf.conditions().isEmpty() ? "1 = 0"
                    : anyOf.conditions().stream().map(this::sql).collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (condition instanceof Listing.Not<R> not) {
            // A null field meets no condition, and so every negated one (SQL would make both unknown).
            return "NOT COALESCE(" + sql(not.condition()) + ", FALSE)";
        }
        throw new IllegalArgumentException("no SQL for the condition " + condition);
    }

    private static boolean matchable(Listing.Field<?> field, Object value) {
        return !field.column().equals("id") || !(value instanceof String id) || !Table.unstorable(id);
    }

    /** A field's column, only if the table keeps one: no other text reaches the SQL. */
    private String column(Listing.Field<R> field) {
        if (!field.column().equals("id") && !table.fields().contains(field)) {
            throw new IllegalArgumentException(table.name() + " keeps no column " + field.column());
        }
        return field.column();
    }

    private String bind(Object value) {
        String name = "v" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }

    /** LIKE's wildcards as themselves; the escape is '!', as Jdbi's parser reads a backslash as its own. */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
