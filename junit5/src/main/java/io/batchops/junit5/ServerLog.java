package io.batchops.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The server's output (JSON lines): to the test's SLF4J binding when the test has one, under the
 * server's logger names and levels; otherwise nowhere, so that a test run shows nothing of batchops.
 * The last lines are kept either way, for the message of a start that failed.
 */
final class ServerLog {
    private static final int TAIL = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Sink SINK = Slf4jSink.available() ? new Slf4jSink() : null;

    /** Where the lines go: in an interface of its own, so that SLF4J is loaded only when it is there. */
    interface Sink {
        void log(String logger, String level, String message);
    }

    private final Deque<String> tail = new ArrayDeque<>();

    void accept(String line) {
        String message = line;
        String logger = "batchops";
        String level = "INFO";
        if (line.startsWith("{")) {
            try {
                JsonNode record = JSON.readTree(line);
                message = record.path("message").asText(line);
                logger = record.path("logger_name").asText(logger);
                level = record.path("level").asText(level);
            } catch (java.io.IOException notJson) {
                // Kept as it is.
            }
        }
        synchronized (tail) {
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(level + " " + logger + ": " + message);
        }
        if (SINK != null) {
            SINK.log(logger, level, message);
        }
    }

    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }
}
