package io.batchops.contract.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding: a page served under a name its author points at this machine sends that name in
 * {@code Host}. The server answers only the names it expects, so such a page gets the gateway's
 * refusal, from the service APIs, the control API and the pages alike, and nothing changes.
 */
class HostNamesTest {
    /** One raw HTTP/1.1 exchange with {@code host} as the Host header (the JDK's client will not send another). */
    record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return Exchange.MAPPER.readTree(body);
        }
    }

    static Raw send(String method, String path, String host, Map<String, String> headers) throws IOException {
        URI server = TestServer.uri();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Content-Length: 0\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, text.substring(end + 4));
        }
    }

    private static String state() {
        Exchange state = Wire.admin("GET", "/_batchops/state").send();
        assertEquals(200, state.status());
        return state.body();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io", "EVIL.example."})
    void aForeignHostIsRefusedBeforeAnyWork(String host) throws IOException {
        String before = state();
        Raw tasks = send("GET", "/v3/tasks", host, Map.of("X-Auth-Token", TestServer.ALICE_TOKEN));
        Raw exported = send("GET", "/_batchops/state", host, Map.of("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN));
        Raw reset = send("POST", "/_batchops/reset", host, Map.of("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN));
        Raw console = send("GET", "/_batchops/console/", host, Map.of());
        for (Raw refused : new Raw[] {tasks, exported, reset, console}) {
            assertEquals(400, refused.status(), refused.head());
            assertEquals("APIGW.0202", refused.json().path("error_code").asText(), refused.body());
            assertTrue(refused.json().path("error_msg").asText().contains("--allowed-hosts"), refused.body());
            assertTrue(refused.head().toLowerCase().contains("content-type: application/json"), refused.head());
        }
        assertFalse(exported.body().contains("\"tasks\""), "the refusal carries none of the state");
        assertEquals(before, state(), "the refused reset changed nothing");
    }

    @InProcessOnly
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "[::1]", "10.1.2.3"})
    void addressesAndLocalhostAreServed(String name) throws IOException {
        String host = name + ":" + TestServer.uri().getPort();
        Raw tasks = send("GET", "/v3/tasks", host, Map.of("X-Auth-Token", TestServer.ALICE_TOKEN));
        assertEquals(200, tasks.status(), tasks.head() + "\n" + tasks.body());
        assertEquals(200, send("GET", "/_batchops/state", host, Map.of("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN)).status());
    }

    @Test
    void theConsoleRedirectNamesAPathNotAHost() throws IOException {
        Raw redirect = send("GET", "/_batchops/console", TestServer.uri().getAuthority(), Map.of());
        assertEquals(302, redirect.status(), redirect.head());
        assertTrue(redirect.head().contains("\r\nLocation: /_batchops/console/"), redirect.head());
    }
}
