package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.contract.harness.BulkState;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import io.batchops.contract.harness.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under load, against the packaged jar: while it is down every
 * request that needs it is answered 503 with {@code Retry-After} and the service's body within the
 * database wait, health says so at once, metrics still answer, and each failure is one log line with
 * its reference; once it is back the server serves again by itself, and every batch is whole or not
 * at all: acknowledged ones applied, refused ones not. Needs {@link TestDatabase}.
 */
@InProcessOnly
class DatabaseLostIT {
    private static final String PROJECT = BulkState.PROJECT;
    private static final int RECORDS = 20_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Batch(List<String> ids, int status, String requestId) {
    }

    @Test
    void aLostDatabaseIsAnswered503AndServesAgainWhenBack() throws Exception {
        List<String> arguments = new ArrayList<>(TestDatabase.serverArguments());
        arguments.addAll(List.of("--database-wait", "1"));
        try (RealJar jar = RealJar.start(List.of(), arguments.toArray(String[]::new))) {
            ObjectNode state = BulkState.deletable(RECORDS, RECORDS);
            assertEquals(204, send(jar, "PUT", "/_batchops/state", state.toString()).statusCode());

            List<Batch> smsBatches = new ArrayList<>();
            List<Batch> drsBatches = new ArrayList<>();
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                boolean sms = client % 2 == 0;
                running.add(clients.submit(() -> {
                    while (loading.get()) {
                        int from = next.getAndAdd(3);
                        if (from + 3 > RECORDS) {
                            break;
                        }
                        List<String> ids = IntStream.range(from, from + 3).mapToObj(i -> (sms ? "t" : "j") + i).toList();
                        HttpResponse<String> answer = sms ? deleteTasks(jar, ids) : deleteJobs(jar, ids);
                        Batch batch = new Batch(ids, answer.statusCode(), answer.headers().firstValue("X-Request-Id").orElse(""));
                        synchronized (smsBatches) {
                            (sms ? smsBatches : drsBatches).add(batch);
                        }
                        if (answer.statusCode() == 503) {
                            assertEquals(List.of("1"), answer.headers().allValues("Retry-After"), answer.toString());
                            assertEquals(sms ? "SMS.1805" : "DRS.M99503",
                                    Exchange.MAPPER.readTree(answer.body()).path("error_code").asText(), answer.body());
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(1500);
            TestDatabase.stop();
            try {
                Thread.sleep(1500);
                long asked = System.nanoTime();
                HttpResponse<String> health = send(jar, "GET", "/_batchops/health", null);
                Duration healthTook = Duration.ofNanos(System.nanoTime() - asked);
                assertEquals(503, health.statusCode(), health.body());
                assertEquals("DOWN", Exchange.MAPPER.readTree(health.body()).path("store").path("status").asText(), health.body());
                // Not a performance bound: before, health waited behind requests for the pool's 30 s.
                assertTrue(healthTook.compareTo(Duration.ofSeconds(2)) < 0, "health answered after " + healthTook.toMillis() + " ms");
                HttpResponse<String> metrics = send(jar, "GET", "/_batchops/metrics", null);
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("batchops_store_up 0.0"), "the gauge says the store is down");
                asked = System.nanoTime();
                HttpResponse<String> refused = deleteTasks(jar, List.of("t" + (RECORDS - 1)));
                Duration refusedTook = Duration.ofNanos(System.nanoTime() - asked);
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refusedTook.compareTo(Duration.ofSeconds(5)) < 0, "refused after " + refusedTook.toMillis() + " ms");
                // Moving the clock forgets expired deleted jobs when it can; without the store, it still moves.
                HttpResponse<String> clock = send(jar, "PUT", "/_batchops/clock", "{\"offset_seconds\": 0}");
                assertEquals(200, clock.statusCode(), clock.body());
            } finally {
                TestDatabase.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (send(jar, "GET", "/_batchops/health", null).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "the server serves again by itself once the database is back");
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            loading.set(false);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertTrue(smsBatches.stream().anyMatch(batch -> batch.status() == 503), "some SMS batches met the lost database");
            assertTrue(drsBatches.stream().anyMatch(batch -> batch.status() == 503), "some DRS batches met the lost database");
            assertTrue(smsBatches.get(smsBatches.size() - 1).status() == 200, "SMS serves again: " + smsBatches.get(smsBatches.size() - 1));
            assertTrue(drsBatches.get(drsBatches.size() - 1).status() == 202, "DRS serves again: " + drsBatches.get(drsBatches.size() - 1));
            JsonNode after = Exchange.MAPPER.readTree(send(jar, "GET", "/_batchops/state", null).body());
            Set<String> tasksLeft = ConcurrentHashMap.newKeySet();
            after.path("sms").path("tasks").forEach(task -> tasksLeft.add(task.path("id").asText()));
            Map<String, String> jobStatus = new ConcurrentHashMap<>();
            after.path("drs").path("jobs").forEach(job -> jobStatus.put(job.path("id").asText(), job.path("status").asText()));
            for (Batch batch : smsBatches) {
                assertTrue(Set.of(200, 503).contains(batch.status()), "no other answer: " + batch);
                long gone = batch.ids().stream().filter(id -> !tasksLeft.contains(id)).count();
                assertEquals(batch.status() == 200 ? 3 : 0, gone, "whole or not at all: " + batch);
            }
            for (Batch batch : drsBatches) {
                assertTrue(Set.of(202, 503).contains(batch.status()), "no other answer: " + batch);
                long deleted = batch.ids().stream().filter(id -> "DELETED".equals(jobStatus.get(id))).count();
                assertEquals(batch.status() == 202 ? 3 : 0, deleted, "whole or not at all: " + batch);
            }
            List<String> log = jar.output();
            assertTrue(log.stream().noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by")),
                    "no stack trace in the log");
            for (Batch batch : smsBatches) {
                if (batch.status() == 503) {
                    assertEquals(1, log.stream().filter(line -> line.contains("Request " + batch.requestId() + " answered 503")).count(),
                            "one line for " + batch);
                }
            }
        }
    }

    private static HttpResponse<String> deleteTasks(RealJar jar, List<String> ids) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete")).header("X-Auth-Token", "dev-token")
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Exchange.MAPPER.writeValueAsString(Map.of("ids", ids)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> deleteJobs(RealJar jar, List<String> ids) throws Exception {
        List<Map<String, String>> jobs = ids.stream().map(id -> Map.of("delete_type", "delete", "job_id", id)).toList();
        return HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/" + PROJECT + "/jobs/batch-jobs"))
                .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method("DELETE", HttpRequest.BodyPublishers.ofString(Exchange.MAPPER.writeValueAsString(Map.of("jobs", jobs)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(RealJar jar, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + path)).header("X-Batchops-Admin-Token", "admin-dev-token")
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
