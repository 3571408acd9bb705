package io.batchops.server.listing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Many records by id, from a way to find one. */
public final class Lookup {
    private Lookup() {
    }

    /** Those of {@code ids} that {@code find} finds, by id, in the order asked. */
    public static <R> Map<String, R> found(Collection<String> ids, Function<String, Optional<R>> find) {
        // Sized for every id up front: growing it in steps cost a batch more than its lookups.
        Map<String, R> found = new LinkedHashMap<>((int) (ids.size() / 0.75f) + 1);
        for (String id : ids) {
            find.apply(id).ifPresent(record -> found.put(id, record));
        }
        return found;
    }
}
