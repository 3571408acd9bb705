package io.batchops.server;

import io.batchops.server.auth.Credentials;
import io.batchops.server.telemetry.LogFormat;
import io.batchops.server.telemetry.LogSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the class-data archive that halves the server's start (README, "The two commands"):
 * the build runs this with {@code -XX:ArchiveClassesAtExit}, and every class loaded here is then
 * mapped from the archive instead of being read, verified and linked at each start. It goes through
 * Main's option parsing and the server's start, answers each batch operation, in success and in
 * error, then stops.
 */
public final class StartupArchive {
    private static final String SEED = """
            {"sms": {"sources": [{"id": "s1", "domain_id": "%1$s", "state": "stopped", "connected": true}],
                     "tasks": [{"id": "t1", "domain_id": "%1$s", "source_id": "s1"},
                               {"id": "t2", "domain_id": "%1$s", "source_id": "s1"}]},
             "drs": {"jobs": [{"id": "j1", "project_id": "%2$s", "status": "INCRE_TRANSFER_STARTED"},
                              {"id": "j2", "project_id": "%2$s", "status": "RELEASE_RESOURCE_COMPLETE"}]}}
            """.formatted(Credentials.DEVELOPMENT_DOMAIN, Credentials.DEVELOPMENT_PROJECT);

    private StartupArchive() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Main.command().parseArgs("--port", "0");
        LogSetup.configure(LogFormat.TEXT);
        Footprint.giveBackWhenIdle();
        Path seed = Files.createTempFile("batchops-training", ".json");
        Files.writeString(seed, SEED);
        try (BatchopsServer server = BatchopsServer.start(new ServerConfig(ServerConfig.DEFAULT_HOST, 0, null, seed))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = server.uri();
            String jobs = "/v3/" + Credentials.DEVELOPMENT_PROJECT + "/jobs/batch-jobs";
            List<HttpRequest> requests = List.of(
                    HttpRequest.newBuilder(base.resolve("/_batchops/health")).build(),
                    post(base, "/v3/tasks/delete", "{\"ids\":[\"t1\",\"t2\"]}"),
                    post(base, "/v3/tasks/delete", "{\"ids\":[\"t1\"]}"),
                    delete(base, jobs, "{\"jobs\":[{\"delete_type\":\"terminate\",\"job_id\":\"j1\"},"
                            + "{\"delete_type\":\"delete\",\"job_id\":\"j2\"}]}"),
                    delete(base, jobs, "{\"jobs\":[{\"delete_type\":\"delete\",\"job_id\":\"j1\"}]}"));
            for (HttpRequest request : requests) {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            Files.delete(seed);
        }
    }

    private static HttpRequest post(URI base, String path, String body) {
        return request(base, path).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest delete(URI base, String path, String body) {
        return request(base, path).method("DELETE", HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("X-Auth-Token", Credentials.DEVELOPMENT_TOKEN)
                .header("Content-Type", "application/json");
    }
}
