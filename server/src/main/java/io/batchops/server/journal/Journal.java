package io.batchops.server.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} requests to the service operations, in the order they were received:
 * a bounded deque, under the journal's lock.
 */
public final class Journal {
    /** The journal's size when no flag sets it. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<JournalEntry> held;
    /** The number the next request takes; numbers start at 1. */
    private long next = 1;
    /** Requests numbered below this were forgotten by {@link #clear}. */
    private long clearedBefore = 1;

    public Journal(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the journal's size must be 0 (off) or more");
        }
        this.capacity = capacity;
        this.held = new ArrayDeque<>(Math.max(capacity, 1));
    }

    /** Which recorded requests to list: all of those given, oldest first. */
    public record Query(String operation, Integer status, Instant since, Integer limit) {
        static final Query ALL = new Query(null, null, null, null);

        boolean matches(JournalEntry request) {
            return (operation == null || operation.equals(request.operation()))
                    && (status == null || status.equals(request.status()))
                    && (since == null || !request.at().isBefore(since));
        }
    }

    /** A listing: the matching requests, how many the journal holds, and how many it dropped. */
    public record Listing(
            @JsonProperty("requests") List<JournalEntry> requests,
            @JsonProperty("total") long total,
            @JsonProperty("dropped") long dropped,
            @JsonProperty("capacity") int capacity) {
    }

    public synchronized void record(JournalEntry request) {
        if (capacity == 0) {
            return;
        }
        if (held.size() == capacity) {
            held.removeFirst();
        }
        held.addLast(request.numbered(next++));
    }

    public synchronized Listing list(Query query) {
        List<JournalEntry> found = new ArrayList<>();
        for (JournalEntry request : held) {
            if (query.matches(request) && (query.limit() == null || found.size() < query.limit())) {
                found.add(request);
            }
        }
        return new Listing(List.copyOf(found), held.size(), dropped(), capacity);
    }

    public List<JournalEntry> all() {
        return list(Query.ALL).requests();
    }

    /** How many requests the journal holds now. */
    public synchronized long held() {
        return held.size();
    }

    /** How many requests it dropped to stay within its capacity, since the last {@link #clear}. */
    public synchronized long dropped() {
        return Math.max(0, next - clearedBefore - capacity);
    }

    /** Forgets every request recorded so far. */
    public synchronized void clear() {
        held.clear();
        clearedBefore = next;
    }
}
