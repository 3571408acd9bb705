package io.batchops.server.telemetry;

import io.batchops.server.journal.JournalEntry;
import io.batchops.server.journal.Journal;
import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * The last stage of every request Jersey answers: a service operation's request is recorded in the
 * journal, logged and counted, as its {@link Exchange} tells it; any other (the control API, a page,
 * a path no operation serves) is logged and counted.
 */
public final class TelemetryFilter implements ContainerResponseFilter {
    /** What the control API's paths start with, and the operation label of their requests. */
    private static final String CONTROL = "_batchops";
    private static final String SPECS = "openapi/";

    private final Metrics metrics;
    private final Journal journal;

    public TelemetryFilter(Metrics metrics, Journal journal) {
        this.metrics = metrics;
        this.journal = journal;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Exchange exchange = Exchange.of(request);
        exchange.answered();
        if (exchange.operation() != null) {
            JournalEntry entry = JournalEntry.of(exchange, request, response);
            journal.record(entry);
            RequestLog.service(entry);
            metrics.request(entry.operation(), entry.status(), exchange.latencyNanos(), entry.fault());
            exchange.closeIfDropped();
            return;
        }
        long nanos = exchange.latencyNanos();
        String path = request.getUriInfo().getPath();
        boolean control = path.startsWith(CONTROL);
        // Reads of the control API and of the specs are a page's or a probe's polling: debug only.
        boolean quiet = control && "GET".equals(request.getMethod()) || path.startsWith(SPECS);
        RequestLog.other(exchange.id(), request.getMethod(), path, response.getStatus(), nanos, quiet);
        metrics.request(control ? "control" : "none", response.getStatus(), nanos, null);
        exchange.closeIfDropped();
    }
}
