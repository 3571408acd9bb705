package io.batchops.junit5;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * The server's output (JSON lines): to the test's SLF4J binding when the test has one, under the
 * server's logger names and levels; otherwise nowhere, so that a test run shows nothing of batchops.
 * The last lines are kept either way, for the message of a start that failed. Lines are read with
 * Jackson's streaming parser, on the thread that reads them: the start does not wait for JSON.
 */
final class ServerLog {
    private static final int TAIL = 40;

    /** Where the lines go: in an interface of its own, so that SLF4J is loaded only when it is there. */
    interface Sink {
        void log(String logger, String level, String message);
    }

    /** The test's binding, or none; decided once, by the first thread that reads a line. */
    private static final class Binding {
        static final Sink SINK = Slf4jSink.available() ? new Slf4jSink() : null;
    }

    private final Deque<String> tail = new ArrayDeque<>();
    private final boolean forward;

    ServerLog() {
        this(true);
    }

    private ServerLog(boolean forward) {
        this.forward = forward;
    }

    void accept(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
        Sink sink = forward ? Binding.SINK : null;
        if (sink != null) {
            Record record = Record.of(line);
            sink.log(record.logger, record.level, record.message);
        }
    }

    /** The last lines of a log file, as {@link #tail()} has them. */
    static String tailOf(Path file) {
        ServerLog lines = new ServerLog(false);
        try {
            Files.readAllLines(file, StandardCharsets.UTF_8).forEach(lines::accept);
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + ": " + e.getMessage() + ")";
        }
        return lines.tail();
    }

    String tail() {
        synchronized (tail) {
            return tail.stream().map(Record::of).map(record -> record.level + " " + record.logger + ": " + record.message)
                    .collect(Collectors.joining("\n"));
        }
    }

    /** One line's logger, level and message; a line that is not a JSON object is its own message. */
    private record Record(String logger, String level, String message) {
        private static final JsonFactory JSON = new JsonFactory();

        static Record of(String line) {
            String message = line;
            String logger = "batchops";
            String level = "INFO";
            if (line.startsWith("{")) {
                try (JsonParser parser = JSON.createParser(line)) {
                    parser.nextToken();
                    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value == JsonToken.VALUE_STRING) {
                            switch (field) {
                                case "message" -> message = parser.getText();
                                case "logger_name" -> logger = parser.getText();
                                case "level" -> level = parser.getText();
                                default -> { }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } catch (IOException notJson) {
                    return new Record("batchops", "INFO", line);
                }
            }
            return new Record(logger, level, message);
        }
    }
}
