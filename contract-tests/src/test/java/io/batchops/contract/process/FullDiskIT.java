package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data-dir} on a file system that fills up (a small tmpfs), against the packaged jar: a write
 * that cannot be stored is answered 503 with the service's body and changes nothing, health says the
 * store is down, and once space is freed the store works again without a restart, every acknowledged
 * write still there. Needs to mount a tmpfs (root, as in CI); skipped, saying so, where it cannot.
 */
@InProcessOnly
class FullDiskIT {
    private static final String DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    private static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aFullDiskIsAnswered503AndTheStoreWorksAgainOnceThereIsSpace(@TempDir Path mountPoint) throws Exception {
        mount(mountPoint);
        try {
            Path filler = mountPoint.resolve("filler");
            Files.write(filler, new byte[3 * 1024 * 1024]);
            try (RealJar jar = RealJar.start(List.of(), "--data-dir", mountPoint.resolve("data").toString(), "--database-wait", "1")) {
                ObjectNode task = Exchange.MAPPER.createObjectNode();
                task.putObject("sms").putArray("tasks").addObject().put("id", "kept").put("domain_id", DOMAIN)
                        .put("source_id", "src-1").put("state", "READY");
                assertEquals(204, send(jar, "POST", "/_batchops/fixtures", task.toString()).statusCode());

                List<String> acknowledged = new ArrayList<>();
                HttpResponse<String> refused = null;
                for (int batch = 0; batch < 400 && refused == null; batch++) {
                    int b = batch;
                    ObjectNode jobs = Exchange.MAPPER.createObjectNode();
                    ArrayNode list = jobs.putObject("drs").putArray("jobs");
                    IntStream.range(0, 200).forEach(i -> list.addObject().put("id", "j" + b + "-" + i).put("project_id", PROJECT)
                            .put("status", "CONFIGURATION").put("name", "x".repeat(200)));
                    HttpResponse<String> answer = send(jar, "POST", "/_batchops/fixtures", jobs.toString());
                    if (answer.statusCode() == 204) {
                        acknowledged.add("j" + b + "-0");
                    } else {
                        refused = answer;
                    }
                }
                assertTrue(refused != null, "the disk filled up");
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("BATCHOPS.0503", Exchange.MAPPER.readTree(refused.body()).path("error_code").asText(), refused.body());
                assertEquals(List.of("1"), refused.headers().allValues("Retry-After"));

                HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                        .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"kept\"]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, delete.statusCode(), delete.body());
                assertEquals("SMS.1805", Exchange.MAPPER.readTree(delete.body()).path("error_code").asText(), delete.body());
                HttpResponse<String> health = send(jar, "GET", "/_batchops/health", null);
                assertEquals(503, health.statusCode(), health.body());

                Files.delete(filler);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (send(jar, "GET", "/_batchops/health", null).statusCode() != 200) {
                    assertTrue(System.nanoTime() < deadline, "the store works again once there is space, without a restart");
                    Thread.sleep(200);
                }
                JsonNode state = Exchange.MAPPER.readTree(send(jar, "GET", "/_batchops/state", null).body());
                assertEquals(List.of("kept"), state.path("sms").path("tasks").findValuesAsText("id"), "the refused delete changed nothing");
                List<String> jobIds = state.path("drs").path("jobs").findValuesAsText("id");
                assertTrue(jobIds.containsAll(acknowledged), "every acknowledged write is kept");
                assertEquals(200 * acknowledged.size(), jobIds.size(), "and nothing of the refused one");
                HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                        .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"kept\"]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, again.statusCode(), "writes work again: " + again.body());
                assertTrue(jar.output().stream().noneMatch(line -> line.startsWith("\tat ")), "no stack trace in the log");
            }
        } finally {
            unmount(mountPoint);
        }
    }

    private static void mount(Path mountPoint) throws IOException, InterruptedException {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here (it needs root): " + output);
    }

    /** Unmounts, trying again while the file system is still busy (a process closing its files). */
    private static void unmount(Path mountPoint) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Process umount = new ProcessBuilder("umount", mountPoint.toString()).redirectErrorStream(true).start();
            String output = new String(umount.getInputStream().readAllBytes()).trim();
            if (umount.waitFor() == 0) {
                return;
            }
            if (attempt == 19) {
                throw new AssertionError("cannot unmount " + mountPoint + ": " + output);
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> send(RealJar jar, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + path)).header("X-Batchops-Admin-Token", "admin-dev-token")
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
