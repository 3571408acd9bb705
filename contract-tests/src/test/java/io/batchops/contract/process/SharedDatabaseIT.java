package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.contract.harness.BulkState;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import io.batchops.contract.harness.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Three packaged jars on one PostgreSQL database behave as one service: overlapping batches sent to
 * all three delete every task and job exactly once, without a deadlock or a 5xx, and each instance
 * then sees the others' work. Needs {@link TestDatabase}.
 */
@InProcessOnly
class SharedDatabaseIT {
    private static final String PROJECT = BulkState.PROJECT;
    private static final int INSTANCES = 3;
    private static final int CLIENTS = 12;
    private static final int TASKS = 1000;
    private static final int JOBS = 1000;
    /** Not a performance bound: a run that has not finished by then is stuck. */
    private static final long STUCK_AFTER_SECONDS = 180;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final List<RealJar> SERVERS = new ArrayList<>();

    /** In the test, not before all: a run without a database then reports the test skipped, and why. */
    private static void startThreeInstances() throws IOException {
        List<String> arguments = TestDatabase.serverArguments();
        for (int i = 0; i < INSTANCES; i++) {
            SERVERS.add(RealJar.start(List.of(), arguments.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stopThem() {
        SERVERS.forEach(RealJar::close);
    }

    private static HttpResponse<String> send(RealJar server, String method, String path, String adminOrToken, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        request = path.startsWith("/_batchops") ? request.header("X-Batchops-Admin-Token", adminOrToken)
                : request.header("X-Auth-Token", adminOrToken);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void threeInstancesDeleteEachTaskAndJobExactlyOnce() throws Exception {
        startThreeInstances();
        ObjectNode fixtures = BulkState.deletable(TASKS, JOBS);
        HttpResponse<String> imported = send(SERVERS.get(0), "PUT", "/_batchops/state", "admin-dev-token", fixtures.toString());
        assertEquals(204, imported.statusCode(), imported.body());

        List<String> taskIds = IntStream.range(0, TASKS).mapToObj(i -> "t" + i).toList();
        List<String> jobIds = IntStream.range(0, JOBS).mapToObj(i -> "j" + i).toList();
        Map<String, AtomicInteger> taskSuccesses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> jobSuccesses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                Random random = new Random(client);
                boolean smsFirst = client % 2 == 0;
                clients.add(pool.submit(() -> {
                    start.await();
                    if (smsFirst) {
                        deleteTasks(taskIds, random, taskSuccesses);
                        deleteJobs(jobIds, random, jobSuccesses);
                    } else {
                        deleteJobs(jobIds, random, jobSuccesses);
                        deleteTasks(taskIds, random, taskSuccesses);
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
        for (String id : taskIds) {
            assertEquals(1, taskSuccesses.getOrDefault(id, new AtomicInteger()).get(), "task " + id);
        }
        for (String id : jobIds) {
            assertEquals(1, jobSuccesses.getOrDefault(id, new AtomicInteger()).get(), "job " + id);
        }
        for (RealJar server : SERVERS) {
            JsonNode state = Exchange.MAPPER.readTree(send(server, "GET", "/_batchops/state", "admin-dev-token", null).body());
            assertEquals(0, state.path("sms").path("tasks").size(), "every instance sees every task gone");
            state.path("drs").path("jobs").forEach(job -> assertEquals("DELETED", job.path("status").asText(), job.toString()));
        }
    }

    /** Each request goes to the next instance in turn: SMS batches of 1 to 50 ids, all or nothing. */
    private static void deleteTasks(List<String> all, Random random, Map<String, AtomicInteger> successes) throws Exception {
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);
        Set<String> remaining = new LinkedHashSet<>(shuffled);
        for (int turn = random.nextInt(INSTANCES); !remaining.isEmpty(); turn++) {
            List<String> batch = remaining.stream().limit(1 + random.nextInt(50)).toList();
            HttpResponse<String> answer = send(SERVERS.get(turn % INSTANCES), "POST", "/v3/tasks/delete", "dev-token",
                    Exchange.MAPPER.writeValueAsString(Map.of("ids", batch)));
            if (answer.statusCode() == 200) {
                batch.forEach(id -> successes.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet());
                batch.forEach(remaining::remove);
            } else {
                assertEquals(404, answer.statusCode(), answer.body());
                Exchange.MAPPER.readTree(answer.body()).get("error_param").forEach(gone -> remaining.remove(gone.asText()));
            }
        }
    }

    /** DRS batches of 1 to 100 deletions, per job: a job another client deleted answers M05004. */
    private static void deleteJobs(List<String> all, Random random, Map<String, AtomicInteger> successes) throws Exception {
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);
        int turn = random.nextInt(INSTANCES);
        for (int from = 0; from < shuffled.size(); turn++) {
            int to = Math.min(shuffled.size(), from + 1 + random.nextInt(100));
            List<Map<String, String>> batch = shuffled.subList(from, to).stream()
                    .map(id -> Map.of("delete_type", "delete", "job_id", id)).toList();
            HttpResponse<String> answer = send(SERVERS.get(turn % INSTANCES), "DELETE", "/v3/" + PROJECT + "/jobs/batch-jobs",
                    "dev-token", Exchange.MAPPER.writeValueAsString(Map.of("jobs", batch)));
            assertEquals(202, answer.statusCode(), answer.body());
            for (JsonNode result : Exchange.MAPPER.readTree(answer.body()).get("results")) {
                if ("success".equals(result.get("status").asText())) {
                    successes.computeIfAbsent(result.get("id").asText(), key -> new AtomicInteger()).incrementAndGet();
                } else {
                    assertEquals("DRS.M05004", result.get("error_code").asText(), result.toString());
                }
            }
            from = to;
        }
    }
}
