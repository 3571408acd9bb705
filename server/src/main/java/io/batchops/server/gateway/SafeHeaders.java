package io.batchops.server.gateway;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The headers that keep browsers from misusing what the server answers, on every answer (refusals
 * too): no answer is read as another type than it says; the pages cannot be framed (a framed console
 * is one click from a reset) and run only their own scripts and styles; the control API's answers
 * (state, tokens of the journal's requests) are never cached.
 */
public final class SafeHeaders extends HttpHandler {
    static final String NOSNIFF_NAME = "X-Content-Type-Options";
    static final String NOSNIFF_VALUE = "nosniff";
    /** The pages' policy: their own files only; Swagger UI's icons are data: images. */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final String[] pages;
    private final HttpHandler next;

    /** {@code pages}: the paths under which the pages are served. */
    public SafeHeaders(HttpHandler next, String... pages) {
        this.next = next;
        this.pages = pages.clone();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        response.setHeader(NOSNIFF_NAME, NOSNIFF_VALUE);
        String path = request.getRequestURI();
        if (isPage(path)) {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
        } else if (path.startsWith("/_batchops/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        next.service(request, response);
    }

    private boolean isPage(String path) {
        for (String page : pages) {
            if (path.equals(page) || path.startsWith(page + "/")) {
                return true;
            }
        }
        return false;
    }
}
