package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --header-timeout}: a client that sends its headers, or its body, too slowly loses the
 * connection (the body with a 408 first), however it trickles; the server's own time does not count.
 */
@InProcessOnly
class SlowClientsIT {
    private static final int TIMEOUT_SECONDS = 1;
    private static final String DELETE = "POST /v3/tasks/delete HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: dev-token\r\n"
            + "Content-Type: application/json\r\nContent-Length: 40\r\n\r\n";

    /**
     * Sends {@code first}, then a byte every 200 ms; returns what the server sent and after how long it
     * closed, or fails if it held the connection for {@code limit}.
     */
    private static Trickle trickle(RealJar jar, String first, Duration limit) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", jar.port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            while (System.nanoTime() - started < limit.toNanos()) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    return new Trickle(answer.toString(), Duration.ofNanos(System.nanoTime() - started));
                }
                try {
                    byte[] buffer = new byte[4096];
                    int n = in.read(buffer);
                    if (n < 0) {
                        return new Trickle(answer.toString(), Duration.ofNanos(System.nanoTime() - started));
                    }
                    answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                } catch (SocketTimeoutException stillOpen) {
                    // Nothing yet: trickle on.
                }
            }
            throw new AssertionError("the server held a trickling connection for " + limit + "; it sent: " + answer);
        }
    }

    private record Trickle(String answer, Duration closedAfter) {
    }

    @Test
    void headersTricklingInAreDropped() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", Integer.toString(TIMEOUT_SECONDS))) {
            Trickle trickle = trickle(jar, "GET /_batchops/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", Duration.ofSeconds(10));
            assertEquals("", trickle.answer(), "no answer: the request never arrived");
            assertTrue(trickle.closedAfter().compareTo(Duration.ofMillis(900)) > 0, "not before the timeout");
        }
    }

    @Test
    void aBodyTricklingInIsAnswered408ThenDropped() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", Integer.toString(TIMEOUT_SECONDS))) {
            Trickle trickle = trickle(jar, DELETE + "{\"ids\":", Duration.ofSeconds(15));
            assertTrue(trickle.answer().startsWith("HTTP/1.1 408"), trickle.answer());
            assertTrue(trickle.answer().contains("\"error_code\":\"APIGW.0203\""), trickle.answer());
        }
    }

    /**
     * A body asked for with {@code 100 Continue} is read as it comes (on a worker); one that never
     * comes is the client's 408, like any late body, not the server's 500.
     */
    @Test
    void aBodyThatNeverFollowsContinueIsAnswered408() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", Integer.toString(TIMEOUT_SECONDS));
                Socket socket = new Socket("127.0.0.1", jar.port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(DELETE.replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"error_code\":\"APIGW.0203\""), answer);
            assertTrue(jar.output().stream().noneMatch(line -> line.contains("Unexpected failure")), String.join("\n", jar.output()));
        }
    }

    /** Bodies on their way hold connections, not the worker threads (there are a few): others are served meanwhile. */
    @Test
    void slowBodiesDoNotDelayOtherRequests() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", "30")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create(jar.uri() + "/_batchops/health")).timeout(Duration.ofSeconds(10)).build();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = new Socket("127.0.0.1", jar.port);
                    socket.getOutputStream().write((DELETE + "{\"ids\":").getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                // Each body has begun to arrive: before, the first few had taken every worker by now.
                Thread.sleep(500);
                long started = System.nanoTime();
                HttpResponse<String> served = http.send(health, HttpResponse.BodyHandlers.ofString());
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(200, served.statusCode());
                // Held by slow bodies, it would wait for their 30 s timeout; a loaded machine still answers in well under 5 s.
                assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, "served after " + waited.toMillis() + " ms");
                HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                        .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"t1\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, batch.statusCode(), "a batch with a body is served too: " + batch.body());
                // The slow bodies complete, and are answered as any body: the rest of DELETE's 40 bytes.
                for (Socket socket : slow) {
                    socket.getOutputStream().write("[\"t1\"]}                          ".getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket socket : slow) {
                    socket.setSoTimeout(10_000);
                    String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    assertEquals("HTTP/1.1 404", status, "a completed slow body is served");
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void manyHalfOpenConnectionsAreDroppedAndTheServerStillServes() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", Integer.toString(TIMEOUT_SECONDS))) {
            List<Socket> halfOpen = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    Socket socket = new Socket("127.0.0.1", jar.port);
                    socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    halfOpen.add(socket);
                }
                int dropped = 0;
                for (Socket socket : halfOpen) {
                    socket.setSoTimeout(10_000);
                    try {
                        if (socket.getInputStream().read() < 0) {
                            dropped++;
                        }
                    } catch (IOException reset) {
                        dropped++;
                    }
                }
                assertEquals(halfOpen.size(), dropped, "every half-open connection is dropped");
            } finally {
                for (Socket socket : halfOpen) {
                    socket.close();
                }
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(jar.uri() + "/_batchops/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void theServersOwnTimeDoesNotCount() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--header-timeout", Integer.toString(TIMEOUT_SECONDS))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/_batchops/faults"))
                    .header("X-Batchops-Admin-Token", "admin-dev-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"deleteTasks\",\"latency_ms\":2500}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, fault.statusCode(), fault.body());
            HttpResponse<String> slow = http.send(HttpRequest.newBuilder(URI.create(jar.uri() + "/v3/tasks/delete"))
                    .header("X-Auth-Token", "dev-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"t1\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, slow.statusCode(), "answered after the fault's delay, longer than the timeout: " + slow.body());
        }
    }
}
