package io.batchops.server.telemetry;

import io.batchops.server.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A line per request, on the logger {@code batchops.request}: what was asked, by whom, and how it was
 * answered. It holds no token, secret key or signature: only what the journal keeps, less.
 *
 * <p>A line's fields are written into its message as {@code key=value} pairs, which any SLF4J
 * binding prints and which costs one string; under {@code --log-format json} they are the event's
 * key-value pairs instead, so that each becomes a JSON field.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.request");

    private static volatile boolean structured;

    private RequestLog() {
    }

    /** Whether the fields go out as key-value pairs (JSON) rather than in the message. */
    static void structured(boolean on) {
        structured = on;
    }

    /** A request to a service operation, as the journal recorded it. */
    static void service(JournalEntry request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Line line = line(LOG.atInfo(), request.method(), "", request.path())
                .add("request_id", request.requestId())
                .add("operation", request.operation())
                .add("principal", orDash(request.principal()))
                .add("tenant", orDash(request.tenant()))
                .add("status", request.status() == null ? Metrics.DROPPED : request.status())
                .add("error_code", orDash(request.errorCode()))
                .add("latency_ms", Math.round(request.latencyMs() * 100) / 100.0)
                .add("ids", String.join(",", request.ids()));
        if (request.refused() != null) {
            line.add("refused", request.refused());
        }
        if (request.fault() != null) {
            line.add("fault", request.fault());
        }
        line.log();
    }

    /** A request to the control API, a page, or no operation at all. */
    static void other(String requestId, String method, String path, int status, long nanos, boolean quiet) {
        if (quiet ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        line(quiet ? LOG.atDebug() : LOG.atInfo(), method, "/", path)
                .add("request_id", requestId)
                .add("status", status)
                .add("latency_ms", Math.round(nanos / 10_000.0) / 100.0)
                .log();
    }

    private static Line line(LoggingEventBuilder event, String method, String slash, String path) {
        return structured ? new PairsLine(event, method + " " + slash + path) : new TextLine(event, method, slash, path);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** A log line being built: a message, then its fields in order. */
    private interface Line {
        Line add(String key, Object value);

        void log();
    }

    /** The fields in the message: {@code GET /path key=value key=value}. */
    private static final class TextLine implements Line {
        private final LoggingEventBuilder event;
        private final StringBuilder text = new StringBuilder(192);

        TextLine(LoggingEventBuilder event, String method, String slash, String path) {
            this.event = event;
            text.append(method).append(' ').append(slash).append(path);
        }

        @Override
        public Line add(String key, Object value) {
            text.append(' ').append(key).append('=').append(value);
            return this;
        }

        @Override
        public void log() {
            event.log(text.toString());
        }
    }

    /** The fields as the event's key-value pairs, for an encoder that writes each as a field. */
    private static final class PairsLine implements Line {
        private LoggingEventBuilder event;

        PairsLine(LoggingEventBuilder event, String message) {
            this.event = event.setMessage(message);
        }

        @Override
        public Line add(String key, Object value) {
            event = event.addKeyValue(key, value);
            return this;
        }

        @Override
        public void log() {
            event.log();
        }
    }
}
