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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running server keeps only the jobs deleted within its retention: with
 * {@code --deleted-job-retention} short, thousands of deleted jobs (loaded so, and deleted through the
 * API) leave the embedded database's rows without anyone reading them, and the live job stays.
 */
@InProcessOnly
class DeletedJobsExpireIT {
    private static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern DELETED = Pattern.compile("(?m)^batchops_drs_jobs\\{state=\"DELETED\"} (\\S+)$");
    private static final int LOADED_DELETED = 4_000;
    private static final int DELETED_BY_API = 500;

    private static HttpResponse<String> send(RealJar server, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", "dev-token").header("X-Batchops-Admin-Token", "admin-dev-token")
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long deletedJobs(RealJar server) throws IOException, InterruptedException {
        String metrics = send(server, "GET", "/_batchops/metrics", null).body();
        Matcher count = DELETED.matcher(metrics);
        assertTrue(count.find(), "the metrics count DELETED jobs:\n" + metrics);
        return (long) Double.parseDouble(count.group(1));
    }

    @Test
    void deletedJobsLeaveTheStoreUnreadOnceKeptTheirTime(@TempDir Path dataDir) throws Exception {
        try (RealJar server = RealJar.start(List.of(), "--data-dir", dataDir.toString(), "--deleted-job-retention", "6")) {
            ObjectNode fixtures = Exchange.MAPPER.createObjectNode();
            ArrayNode jobs = fixtures.putObject("drs").putArray("jobs");
            jobs.addObject().put("id", "live").put("project_id", PROJECT).put("status", "CONFIGURATION");
            for (int i = 0; i < LOADED_DELETED; i++) {
                jobs.addObject().put("id", "loaded-" + i).put("project_id", PROJECT).put("status", "DELETED");
            }
            for (int i = 0; i < DELETED_BY_API; i++) {
                jobs.addObject().put("id", "released-" + i).put("project_id", PROJECT).put("status", "RELEASE_RESOURCE_COMPLETE");
            }
            assertEquals(204, send(server, "POST", "/_batchops/fixtures", fixtures.toString()).statusCode());
            for (int from = 0; from < DELETED_BY_API; from += 100) {
                ObjectNode batch = Exchange.MAPPER.createObjectNode();
                ArrayNode entries = batch.putArray("jobs");
                for (int i = from; i < from + 100; i++) {
                    entries.addObject().put("delete_type", "delete").put("job_id", "released-" + i);
                }
                HttpResponse<String> answer = send(server, "DELETE", "/v3/" + PROJECT + "/jobs/batch-jobs", batch.toString());
                assertEquals(202, answer.statusCode(), answer.body());
                assertTrue(!answer.body().contains("failed"), answer.body());
            }
            long kept = deletedJobs(server);
            assertTrue(kept > 0, "the deleted jobs are kept for a while first: " + kept);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (deletedJobs(server) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertEquals(0, deletedJobs(server), "every deleted job forgotten, none of them read");
            JsonNode state = Exchange.MAPPER.readTree(send(server, "GET", "/_batchops/state", null).body());
            assertEquals(1, state.path("drs").path("jobs").size(), state.toString().substring(0, Math.min(500, state.toString().length())));
            assertEquals("live", state.path("drs").path("jobs").path(0).path("id").asText());
        }
    }
}
