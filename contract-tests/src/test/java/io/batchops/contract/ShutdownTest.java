package io.batchops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real jar, stopped with SIGTERM while a request is under way: that request is finished and
 * answered, a new connection is refused, and the process exits.
 */
class ShutdownTest {
    private static final Path JAR = Path.of(System.getProperty("batchops.server.jar", "../server/target/batchops-server.jar"));
    private static final Path SEED = Path.of(System.getProperty("batchops.examples.dir", "../examples")).resolve("seed.json");

    @Test
    void sigtermFinishesWhatIsUnderWayAndRefusesNewConnections() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the server first: " + JAR.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-jar", JAR.toString(), "--port", "0", "--seed", SEED.toString())
                .redirectErrorStream(true).start();
        try {
            int port = portOf(server);
            String body = "{\"ids\": [\"1\"]}";
            try (Socket inFlight = new Socket("127.0.0.1", port)) {
                OutputStream out = inFlight.getOutputStream();
                // Headers and half the body: the request is under way when the signal comes.
                out.write(("POST /v3/tasks/delete HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: dev-token\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                        + body.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
                server.destroy();
                waitUntilRefused(port);
                out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(inFlight.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.endsWith("{}"), answer);
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
        } finally {
            server.destroyForcibly();
        }
    }

    private static int portOf(Process server) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("batchops listening on")) {
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                // Keep draining the output, so that the server never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("the server stopped before listening");
    }

    /** After the signal, new connections are refused (within a few seconds of it). */
    private static void waitUntilRefused(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (IOException refused) {
                assertEquals(ConnectException.class, refused.getClass(), refused::toString);
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "new connections are still accepted");
    }
}
