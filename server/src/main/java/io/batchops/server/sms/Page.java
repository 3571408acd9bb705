package io.batchops.server.sms;

import java.util.List;

/** One page of a listing: the entries from {@code offset}, at most {@code limit}, and how many matched. */
public record Page<T>(int count, List<T> entries) {
    /** The spec's defaults: 50 entries from the first. */
    static final int DEFAULT_LIMIT = 50;

    static <T> Page<T> of(List<T> matching, Integer limit, Integer offset) {
        int from = Math.min(offset == null ? 0 : offset, matching.size());
        int to = Math.min(from + (limit == null ? DEFAULT_LIMIT : limit), matching.size());
        return new Page<>(matching.size(), List.copyOf(matching.subList(from, to)));
    }
}
