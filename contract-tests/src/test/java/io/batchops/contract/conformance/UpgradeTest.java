package io.batchops.contract.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.contract.harness.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Java's HttpClient, as built by default, asks a plain-HTTP server to upgrade to HTTP/2 ({@code h2c})
 * on its first request. batchops speaks HTTP/1.1: it answers the request as such, body and all.
 */
class UpgradeTest {
    @Test
    void aRequestAskingToUpgradeIsAnsweredAsHttp11WithItsBody() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(TestServer.uri().resolve("/v3/tasks/delete"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", TestServer.ALICE_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"no-such-task\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
        assertEquals(404, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"error_code\":\"SMS.1802\""), answer.body());
        assertTrue(answer.body().contains("no-such-task"), "the body was read: " + answer.body());
    }
}
