package io.batchops.server.telemetry;

import io.batchops.server.journal.JournalEntry;
import io.batchops.server.request.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Logs and counts every request Jersey answers. It runs first in and last out (before matching, so
 * that a path no operation serves is timed too); a service operation's request comes as the journal
 * recorded it.
 */
@PreMatching
@Priority(50)
public final class TelemetryFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = TelemetryFilter.class.getName() + ".started";
    /** What the control API's paths start with, and the operation label of their requests. */
    private static final String CONTROL = "_batchops";
    private static final String SPECS = "openapi/";

    private final Metrics metrics;

    public TelemetryFilter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        JournalEntry recorded = JournalEntry.of(request);
        if (recorded != null) {
            RequestLog.service(recorded);
            metrics.request(recorded.operation(), recorded.status(), (long) (recorded.latencyMs() * 1_000_000),
                    recorded.fault());
            return;
        }
        Object started = request.getProperty(STARTED);
        long nanos = started == null ? 0 : System.nanoTime() - (Long) started;
        String path = request.getUriInfo().getPath();
        boolean control = path.startsWith(CONTROL);
        // Reads of the control API and of the specs are a page's or a probe's polling: debug only.
        boolean quiet = control && "GET".equals(request.getMethod()) || path.startsWith(SPECS);
        RequestLog.other(RequestIds.of(request), request.getMethod(), path, response.getStatus(), nanos, quiet);
        metrics.request(control ? "control" : "none", response.getStatus(), nanos, null);
    }
}
