package io.batchops.server.pages;

import io.batchops.server.meta.Build;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The root handler of every request: the two pages, static files from the jar, or else the gateway
 * (which refuses paths ending in a slash). The pages are {@code /_batchops/docs/},
 * Swagger UI (its webjar) on the served specs, and {@code /_batchops/console/}, which calls the
 * control API from the browser. One handler picks, rather than Grizzly's mapper, which answers some
 * encoded paths (such as {@code %5C}) with an empty 500 once it has more than one handler to choose from.
 */
public final class PageRouter extends HttpHandler {
    public static final String DOCS = "/_batchops/docs";
    public static final String CONSOLE = "/_batchops/console";
    private static final String OWN = "io/batchops/server/pages/";

    private final HttpHandler application;
    private final Folder docs;
    private final Folder console;

    public PageRouter(HttpHandler application) {
        this.application = application;
        ClassLoader loader = PageRouter.class.getClassLoader();
        // Our swagger-initializer.js first, then the rest of Swagger UI as its webjar ships it.
        docs = new Folder(DOCS, loader, OWN + "docs/", "META-INF/resources/webjars/swagger-ui/" + Build.SWAGGER_UI_VERSION + "/");
        console = new Folder(CONSOLE, loader, OWN + "console/");
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String uri = request.getRequestURI();
        if (docs.serves(uri)) {
            docs.service(request, response);
        } else if (console.serves(uri)) {
            console.service(request, response);
        } else {
            application.service(request, response);
        }
    }

    /** Static files; the folder's own path without its slash redirects to it, so that relative links resolve. */
    private static final class Folder extends CLStaticHttpHandler {
        private final String path;

        Folder(String path, ClassLoader loader, String... roots) {
            super(loader, roots);
            this.path = path;
        }

        boolean serves(String uri) {
            return uri.equals(path) || uri.startsWith(path + "/");
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            String uri = request.getRequestURI();
            if (uri.equals(path)) {
                // A path, not Grizzly's absolute URL: the Location never repeats a Host header.
                response.setStatus(302);
                response.setHeader("Location", path + "/");
                return;
            }
            // A folder is its index.html, named so that Grizzly types it from the name.
            String file = uri.substring(path.length());
            if (file.endsWith("/")) {
                file += "index.html";
            }
            if (file.contains("..") || !handle(file, request, response)) {
                onMissingResource(request, response);
            }
        }
    }
}
