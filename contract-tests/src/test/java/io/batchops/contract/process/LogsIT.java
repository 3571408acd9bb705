package io.batchops.contract.process;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The program's log, as an operator reads it: a short start-up banner, then one line per request
 * (text, or JSON with {@code --log-format json}), and never a token, secret key or signature.
 */
@InProcessOnly
class LogsIT {
    private static final String ADMIN_TOKEN = "logs-it-admin-token-0123456789";
    private static final String[] SECRETS = {ALICE_TOKEN, ALICE_KEY.sk(), ADMIN_TOKEN, "Signature="};
    /** A text line: time, level, logger, message, key=value pairs. */
    private static final Pattern TEXT_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO |WARN |ERROR|DEBUG) (start|request): .+$");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RealJar start(String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--credentials", TestServer.PRINCIPALS.toString(),
                "--admin-token", ADMIN_TOKEN));
        arguments.addAll(List.of(more));
        return RealJar.start(List.of(), arguments.toArray(String[]::new));
    }

    /**
     * Four requests: a token's batch delete, one out of the spec's bounds, an AK/SK-signed list, and a
     * signature the server refuses.
     */
    private static List<String> sendRequests(RealJar jar) throws Exception {
        List<String> requestIds = new ArrayList<>();
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                .header("X-Auth-Token", ALICE_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"t1\",\"t2\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, deleted.statusCode(), deleted.body());
        requestIds.add(deleted.headers().firstValue("X-Request-Id").orElseThrow());
        HttpResponse<String> outOfBounds = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                .header("X-Auth-Token", ALICE_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, outOfBounds.statusCode(), outOfBounds.body());
        Sdk.sms(jar.uri(), ALICE_KEY, ALICE_DOMAIN).listTasks(new ListTasksRequest());
        ServiceResponseException refused = assertThrows(ServiceResponseException.class, () -> Sdk.sms(jar.uri(),
                new TestServer.AccessKey(ALICE_KEY.ak(), "not-" + ALICE_KEY.sk()), ALICE_DOMAIN)
                .listTasks(new ListTasksRequest()));
        assertEquals(401, refused.getHttpStatusCode());
        requestIds.add(refused.getRequestId());
        return requestIds;
    }

    private static List<String> requestLines(RealJar jar, int expected, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines;
        do {
            Thread.sleep(50);
            lines = jar.output().stream().filter(line -> line.contains(marker)).toList();
        } while (lines.size() < expected && System.nanoTime() < deadline);
        return lines;
    }

    private static void assertNoSecrets(List<String> output) {
        for (String line : output) {
            for (String secret : SECRETS) {
                assertFalse(line.contains(secret), "the log shows " + secret + ": " + line);
            }
        }
    }

    @Test
    void textLinesOnePerRequestWithWhoWhatAndTheAnswer() throws Exception {
        try (RealJar jar = start()) {
            List<String> requestIds = sendRequests(jar);
            List<String> lines = requestLines(jar, 4, " request: ");
            assertEquals(4, lines.size(), () -> String.join("\n", jar.output()));
            String deleted = lines.stream().filter(line -> line.contains(requestIds.get(0))).findFirst().orElseThrow();
            for (String part : List.of("INFO  request: POST /v3/tasks/delete", "operation=deleteTasks",
                    "principal=alice", "tenant=" + ALICE_DOMAIN, "status=404", "error_code=SMS.1802", "ids=t1,t2",
                    "latency_ms=")) {
                assertTrue(deleted.contains(part), part + " in " + deleted);
            }
            String refused = lines.stream().filter(line -> line.contains(requestIds.get(1))).findFirst().orElseThrow();
            assertTrue(refused.contains("status=401") && refused.contains("error_code=APIGW.0301")
                    && refused.contains("refused="), refused);
            assertTrue(lines.stream().anyMatch(line -> line.contains("operation=listTasks") && line.contains("status=200")),
                    () -> String.join("\n", lines));
            for (String line : jar.output()) {
                assertTrue(TEXT_LINE.matcher(line).matches(), "a stray line: " + line);
                assertFalse(line.contains("Hibernate Validator"), line);
            }
            assertEquals(1, jar.output().stream().filter(line -> line.contains(" start: ")).count(),
                    "a short banner: the address, and with a credentials file and an admin token nothing else");
            assertNoSecrets(jar.output());
        }
    }

    @Test
    void jsonObjectsOnePerLine() throws Exception {
        try (RealJar jar = start("--log-format", "json")) {
            List<String> requestIds = sendRequests(jar);
            List<String> lines = requestLines(jar, 4, "\"batchops.request\"");
            assertEquals(4, lines.size(), () -> String.join("\n", jar.output()));
            ObjectMapper json = new ObjectMapper();
            for (String line : jar.output()) {
                JsonNode record = json.readTree(line);
                assertTrue(record.hasNonNull("@timestamp") && record.hasNonNull("level") && record.hasNonNull("message"),
                        line);
            }
            JsonNode deleted = json.readTree(lines.stream().filter(line -> line.contains(requestIds.get(0)))
                    .findFirst().orElseThrow());
            assertEquals("deleteTasks", deleted.path("operation").asText());
            assertEquals("alice", deleted.path("principal").asText());
            assertEquals(404, deleted.path("status").asInt());
            assertEquals("SMS.1802", deleted.path("error_code").asText());
            assertEquals("t1,t2", deleted.path("ids").asText());
            assertTrue(deleted.path("latency_ms").isNumber(), deleted::toString);
            assertTrue(jar.output().get(0).contains("listening on http://127.0.0.1:" + jar.port), jar.output().get(0));
            assertNoSecrets(jar.output());
        }
    }

    @Test
    void aValueWithLineBreaksCannotForgeALine() throws Exception {
        String forged = "2026-01-01T00:00:00.000Z INFO  request: POST /_batchops/reset FORGED status=204";
        try (RealJar jar = start()) {
            HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                    .header("X-Auth-Token", ALICE_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"t1\\r\\n" + forged + "\\u2028x\\u0000\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, deleted.statusCode(), deleted.body());
            HttpResponse<String> encodedPath = HTTP.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/t1%0D%0A" + "FORGED"))
                    .header("X-Auth-Token", ALICE_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, encodedPath.statusCode(), encodedPath.body());
            List<String> lines = requestLines(jar, 2, " request: ");
            assertEquals(2, lines.size(), () -> String.join("\n", jar.output()));
            for (String line : jar.output()) {
                assertTrue(TEXT_LINE.matcher(line).matches(), "a line of its own: " + line);
                assertFalse(line.startsWith("FORGED") || line.startsWith(forged), line);
            }
            assertTrue(lines.get(0).contains("ids=t1\\r\\n" + forged + "\\u2028x\\u0000"), lines.get(0));
        }
    }
}
