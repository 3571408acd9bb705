package io.batchops.server.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The journal keeps the newest requests within its size, counts what it dropped, and loses none under contention. */
class JournalBoundsTest {
    private static JournalEntry request(String id) {
        return JournalEntryBuilder.builder().at(Instant.now()).requestId(id).operation("deleteTasks").method("POST")
                .path("/v3/tasks/delete").principal("p").auth("token").tenant("d").ids(List.of()).status(200).latencyMs(1.0)
                .build();
    }

    private static List<String> ids(Journal journal) {
        return journal.all().stream().map(JournalEntry::requestId).toList();
    }

    @Test
    void theOldestAreDroppedAndCounted() {
        Journal journal = new Journal(3);
        for (int i = 1; i <= 5; i++) {
            journal.record(request("r" + i));
        }
        assertEquals(List.of("r3", "r4", "r5"), ids(journal));
        Journal.Listing listing = journal.list(new Journal.Query(null, null, null, null));
        assertEquals(3, listing.total());
        assertEquals(2, listing.dropped());
        assertEquals(3, listing.capacity());
    }

    @Test
    void clearingForgetsAllAndStartsTheDropCountAgain() {
        Journal journal = new Journal(2);
        for (int i = 1; i <= 4; i++) {
            journal.record(request("r" + i));
        }
        journal.clear();
        assertEquals(List.of(), ids(journal));
        journal.record(request("r5"));
        journal.record(request("r6"));
        journal.record(request("r7"));
        assertEquals(List.of("r6", "r7"), ids(journal));
        assertEquals(1, journal.list(new Journal.Query(null, null, null, null)).dropped());
    }

    @Test
    void sizeZeroKeepsNothing() {
        Journal journal = new Journal(0);
        journal.record(request("r1"));
        assertEquals(List.of(), ids(journal));
        assertEquals(0, journal.list(new Journal.Query(null, null, null, null)).dropped());
    }

    @Test
    void concurrentRequestsAreAllNumberedOnce() throws InterruptedException {
        Journal journal = new Journal(100_000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    journal.record(request("x"));
                }
            });
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        List<Long> numbers = journal.all().stream().map(JournalEntry::seq).toList();
        assertEquals(LongStream.rangeClosed(1, 40_000).boxed().toList(), numbers);
    }
}
