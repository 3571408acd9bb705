package io.batchops.server.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The newest {@code capacity} requests to the service operations, in the order they were received.
 * Written on every request, so recording takes no lock: each request takes the next number and its
 * slot in a ring; a reader skips a slot whose request was overwritten (or not yet written) under it.
 */
public final class Journal {
    /** The journal's size when no flag sets it. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final AtomicReferenceArray<JournalEntry> ring;
    /** The number the next request takes; numbers start at 1. */
    private final AtomicLong next = new AtomicLong(1);
    /** Requests numbered below this were forgotten by {@link #clear}. */
    private volatile long clearedBefore = 1;

    public Journal(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the journal's size must be 0 (off) or more");
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(Math.max(capacity, 1));
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

    public void record(JournalEntry request) {
        if (capacity == 0) {
            return;
        }
        long number = next.getAndIncrement();
        ring.set((int) (number % capacity), request.numbered(number));
    }

    public Listing list(Query query) {
        long end = next.get();
        long cleared = clearedBefore;
        long start = Math.max(cleared, end - capacity);
        List<JournalEntry> found = new ArrayList<>();
        long held = 0;
        for (long number = start; number < end; number++) {
            JournalEntry request = capacity == 0 ? null : ring.get((int) (number % capacity));
            if (request == null || request.seq() != number) {
                continue;
            }
            held++;
            if (query.matches(request) && (query.limit() == null || found.size() < query.limit())) {
                found.add(request);
            }
        }
        return new Listing(List.copyOf(found), held, Math.max(0, end - cleared - capacity), capacity);
    }

    public List<JournalEntry> all() {
        return list(Query.ALL).requests();
    }

    /** How many requests the journal holds now. */
    public long held() {
        return Math.min(capacity, next.get() - clearedBefore);
    }

    /** How many requests it dropped to stay within its capacity, since the last {@link #clear}. */
    public long dropped() {
        return Math.max(0, next.get() - clearedBefore - capacity);
    }

    /** Forgets every request recorded so far. */
    public void clear() {
        clearedBefore = next.get();
    }
}
