package io.batchops.contract.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar started with {@code --seed} on an export holds the same state: one format for both. */
@InProcessOnly
class StateExportIT {
    @Test
    void aSeedFileOfTheExportStartsTheSameState(@TempDir Path dir) throws IOException, InterruptedException {
        StateExportTest.someOfEverything();
        JsonNode before = StateExportTest.export();
        Path seed = dir.resolve("state.json");
        Files.writeString(seed, before.toString());
        try (RealJar server = RealJar.start(List.of(), "--seed", seed.toString())) {
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(server.uri() + "/_batchops/state"))
                            .header("X-Batchops-Admin-Token", "admin-dev-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer::body);
            assertEquals(before, Exchange.MAPPER.readTree(answer.body()));
        }
    }
}
