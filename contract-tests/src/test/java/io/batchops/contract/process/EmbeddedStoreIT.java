package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with {@code --data-dir}: its state survives a stop and a {@code kill -9}, whole
 * batches only, and the directory serves one process at a time.
 */
@InProcessOnly
class EmbeddedStoreIT {
    private static final String DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    private static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code tasks} SMS tasks t0, t1, ... and two running DRS jobs j0 and j1 of the development principal. */
    private static Path seed(Path dir, int tasks) throws IOException {
        ObjectNode fixtures = Exchange.MAPPER.createObjectNode();
        ArrayNode taskList = fixtures.putObject("sms").putArray("tasks");
        for (int i = 0; i < tasks; i++) {
            taskList.addObject().put("id", "t" + i).put("domain_id", DOMAIN).put("source_id", "src-1").put("state", "READY");
        }
        ArrayNode jobs = fixtures.putObject("drs").putArray("jobs");
        for (int i = 0; i < 2; i++) {
            jobs.addObject().put("id", "j" + i).put("project_id", PROJECT).put("status", "INCRE_TRANSFER_STARTED");
        }
        Path file = dir.resolve("seed.json");
        Files.writeString(file, fixtures.toString());
        return file;
    }

    private static HttpResponse<String> deleteTasks(RealJar server, List<String> ids) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/v3/tasks/delete"))
                .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Exchange.MAPPER.writeValueAsString(
                        Exchange.MAPPER.createObjectNode().set("ids", Exchange.MAPPER.valueToTree(ids))))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode export(RealJar server) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/_batchops/state"))
                .header("X-Batchops-Admin-Token", "admin-dev-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        return Exchange.MAPPER.readTree(answer.body());
    }

    private static Set<String> taskIds(JsonNode state) {
        Set<String> ids = new HashSet<>();
        state.path("sms").path("tasks").forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private static RealJar start(Path dataDir, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        arguments.addAll(List.of(more));
        return RealJar.start(List.of(), arguments.toArray(String[]::new));
    }

    @Test
    void theStateAfterARestartIsTheStateBefore(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        JsonNode before;
        try (RealJar first = start(data, "--seed", seed(dir, 10).toString())) {
            assertEquals(200, deleteTasks(first, List.of("t1", "t2")).statusCode());
            HttpResponse<String> stopped = HTTP.send(HttpRequest.newBuilder(URI.create(first.uri() + "/v3/" + PROJECT + "/jobs/batch-jobs"))
                    .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(
                            "{\"jobs\":[{\"delete_type\":\"terminate\",\"job_id\":\"j0\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, stopped.statusCode(), stopped.body());
            before = export(first);
            first.stop();
        }
        assertEquals(8, taskIds(before).size());
        try (RealJar second = start(data)) {
            assertEquals(before, export(second));
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryRefusesToStartAndSaysWhy(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (RealJar first = start(data)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(data).close());
            assertTrue(refused.getMessage().contains("another batchops may be using it"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\tat "), "no stack trace: " + refused.getMessage());
            assertTrue(taskIds(export(first)).isEmpty(), "the first still serves");
        }
    }

    /**
     * Batches of ten deletes from four clients; the server is killed while some are under way. After a
     * restart every acknowledged batch is still deleted, and every batch is either wholly deleted or
     * wholly there.
     */
    @Test
    void afterAKillEveryAcknowledgedBatchIsDoneAndNoneIsHalfDone(@TempDir Path dir) throws Exception {
        int batches = 300;
        int size = 10;
        Path data = dir.resolve("data");
        List<List<String>> all = IntStream.range(0, batches)
                .mapToObj(b -> IntStream.range(b * size, (b + 1) * size).mapToObj(i -> "t" + i).toList()).toList();
        ConcurrentLinkedQueue<List<String>> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        try (RealJar server = start(data, "--seed", seed(dir, batches * size).toString())) {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        try {
                            if (deleteTasks(server, all.get(b)).statusCode() == 200) {
                                acknowledged.add(all.get(b));
                            }
                        } catch (IOException | InterruptedException gone) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < batches / 3) {
                Thread.sleep(1);
            }
            server.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged.size() < batches, "the kill came after every batch: nothing was under way");
        try (RealJar restarted = start(data)) {
            Set<String> left = taskIds(export(restarted));
            for (List<String> batch : acknowledged) {
                batch.forEach(id -> assertFalse(left.contains(id), "acknowledged, yet back after the kill: " + id));
            }
            for (List<String> batch : all) {
                long there = batch.stream().filter(left::contains).count();
                assertTrue(there == 0 || there == size, "half a batch deleted: " + batch + ", " + there + " left");
            }
            assertTrue(left.size() <= (batches - acknowledged.size()) * size);
        }
    }
}
