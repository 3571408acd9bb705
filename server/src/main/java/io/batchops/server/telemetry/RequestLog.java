package io.batchops.server.telemetry;

import io.batchops.server.journal.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A line per request, on the logger {@code batchops.request}: what was asked, by whom, and how it was
 * answered. It holds no token, secret key or signature: only what the journal keeps, less.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.request");

    private RequestLog() {
    }

    /** A request to a service operation, as the journal recorded it. */
    static void service(RecordedRequest request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder line = LOG.atInfo().setMessage(request.method() + " " + request.path())
                .addKeyValue("request_id", request.requestId())
                .addKeyValue("operation", request.operation())
                .addKeyValue("principal", orDash(request.principal()))
                .addKeyValue("tenant", orDash(request.tenant()))
                .addKeyValue("status", request.status() == null ? Metrics.DROPPED : request.status())
                .addKeyValue("error_code", orDash(request.errorCode()))
                .addKeyValue("latency_ms", Math.round(request.latencyMs() * 100) / 100.0)
                .addKeyValue("ids", String.join(",", request.ids()));
        if (request.refused() != null) {
            line = line.addKeyValue("refused", request.refused());
        }
        if (request.fault() != null) {
            line = line.addKeyValue("fault", request.fault());
        }
        line.log();
    }

    /** A request to the control API, a page, or no operation at all. */
    static void other(String requestId, String method, String path, int status, long nanos, boolean quiet) {
        LoggingEventBuilder line = quiet ? LOG.atDebug() : LOG.atInfo();
        line.setMessage(method + " /" + path)
                .addKeyValue("request_id", requestId)
                .addKeyValue("status", status)
                .addKeyValue("latency_ms", Math.round(nanos / 10_000.0) / 100.0)
                .log();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
