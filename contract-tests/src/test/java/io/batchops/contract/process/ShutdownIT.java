package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real jar, stopped with SIGTERM while a request is under way: that request is finished and
 * answered, a new connection is refused, and the process exits.
 */
@InProcessOnly
class ShutdownIT {
    private static final Path SEED = Path.of(System.getProperty("batchops.examples.dir", "../examples")).resolve("seed.json");

    @Test
    void sigtermFinishesWhatIsUnderWayAndRefusesNewConnections() throws Exception {
        try (RealJar jar = RealJar.start(List.of(), "--seed", SEED.toString())) {
            Process server = jar.process;
            int port = jar.port;
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
        }
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
