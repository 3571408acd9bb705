package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Sixteen clients send overlapping SMS and DRS batches over the same 1,000 tasks and 1,000 jobs,
 * each in its own random order and batch sizes, until each client has seen every id gone. Every task
 * and every job must be deleted exactly once: the successes add up to 1,000 each, with no 5xx and no
 * deadlock. Run with several seeds, so several interleavings; each run prints its figures.
 */
class ConcurrencyTest {
    private static final int CLIENTS = 16;
    private static final int TASKS = 1000;
    private static final int JOBS = 1000;
    /** Not a performance bound: a run that has not finished by then is stuck. */
    private static final long STUCK_AFTER_SECONDS = 120;

    @TestFactory
    Stream<DynamicTest> everyTaskAndJobIsDeletedExactlyOnce() {
        return Stream.of(1L, 2L, 3L).map(seed -> DynamicTest.dynamicTest("interleaving " + seed, () -> run(seed)));
    }

    private static void run(long seed) throws Exception {
        List<String> taskIds = IntStream.range(0, TASKS).mapToObj(i -> "t" + i).toList();
        List<String> jobIds = IntStream.range(0, JOBS).mapToObj(i -> "j" + i).toList();
        Seed.deletableTasks(ALICE_DOMAIN, taskIds)
                .and(Seed.jobs(ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE, jobIds))
                .load();
        Map<String, AtomicInteger> taskSuccesses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> jobSuccesses = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long began = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                Random random = new Random(seed * 1000 + client);
                boolean smsFirst = client % 2 == 0;
                clients.add(pool.submit(() -> {
                    start.await();
                    if (smsFirst) {
                        deleteTasks(taskIds, random, taskSuccesses, requests);
                        deleteJobs(jobIds, random, jobSuccesses, requests);
                    } else {
                        deleteJobs(jobIds, random, jobSuccesses, requests);
                        deleteTasks(taskIds, random, taskSuccesses, requests);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : clients) {
                client.get(STUCK_AFTER_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        Seed all = Seed.deletableTasks(ALICE_DOMAIN, taskIds).and(Seed.jobs(ALICE_PROJECT, JobStatus.DELETED, jobIds));
        Map<String, String> after = State.of(all);
        for (String id : taskIds) {
            assertEquals(1, taskSuccesses.getOrDefault(id, new AtomicInteger()).get(), "task " + id);
            assertEquals("gone", after.get("task " + ALICE_DOMAIN + "/" + id), "task " + id + " is still there");
        }
        for (String id : jobIds) {
            assertEquals(1, jobSuccesses.getOrDefault(id, new AtomicInteger()).get(), "job " + id);
            assertEquals("DELETED", after.get("job " + ALICE_PROJECT + "/" + id), "job " + id);
        }
        System.out.printf("concurrency, interleaving %d: %d clients, %d requests in %d ms; %d tasks and %d jobs, "
                        + "each deleted by exactly 1 successful request%n",
                seed, CLIENTS, requests.get(), millis, taskSuccesses.size(), jobSuccesses.size());
    }

    /** SMS batches of 1 to 50 ids, all or nothing: an id another client deleted is dropped and the rest retried. */
    private static void deleteTasks(List<String> all, Random random, Map<String, AtomicInteger> successes, AtomicInteger requests) {
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);
        Set<String> remaining = new LinkedHashSet<>(shuffled);
        while (!remaining.isEmpty()) {
            List<String> batch = remaining.stream().limit(1 + random.nextInt(50)).toList();
            Exchange answer = Target.SMS_DELETE.request().token(ALICE_TOKEN).body(Map.of("ids", batch)).send();
            requests.incrementAndGet();
            if (answer.status() == 200) {
                batch.forEach(id -> successes.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet());
                batch.forEach(remaining::remove);
            } else {
                assertEquals(404, answer.status(), answer::toString);
                answer.json().get("error_param").forEach(gone -> remaining.remove(gone.asText()));
            }
        }
    }

    /** DRS batches of 1 to 100 deletions, per job: a job another client deleted answers M05004. */
    private static void deleteJobs(List<String> all, Random random, Map<String, AtomicInteger> successes, AtomicInteger requests) {
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);
        for (int from = 0; from < shuffled.size(); ) {
            int to = Math.min(shuffled.size(), from + 1 + random.nextInt(100));
            List<Map<String, String>> jobs = shuffled.subList(from, to).stream()
                    .map(id -> Map.of("delete_type", "delete", "job_id", id)).toList();
            Exchange answer = Target.DRS_BATCH.request().token(ALICE_TOKEN).body(Map.of("jobs", jobs)).send();
            requests.incrementAndGet();
            assertEquals(202, answer.status(), answer::toString);
            for (JsonNode result : answer.json().get("results")) {
                if ("success".equals(result.get("status").asText())) {
                    successes.computeIfAbsent(result.get("id").asText(), key -> new AtomicInteger()).incrementAndGet();
                } else {
                    assertEquals("DRS.M05004", result.get("error_code").asText(), result::toString);
                }
            }
            from = to;
        }
    }
}
