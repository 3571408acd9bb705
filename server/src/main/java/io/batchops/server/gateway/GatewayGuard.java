package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Language;
import io.batchops.server.json.Json;
import io.batchops.server.request.Exchange;
import io.batchops.server.request.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * What the API gateway refuses before any service sees the request, in front of the JAX-RS
 * application: methods no API has, paths with an empty segment (the gateway routes by exact path,
 * and no API's path has one), request lines that are not well-formed URIs, headers or bodies over
 * their limits. Each is answered with the gateway's JSON error body, never Grizzly's defaults.
 * What it lets through gets the request's {@link Exchange}, the context every later stage reads.
 */
public final class GatewayGuard extends HttpHandler {
    /** The limit on all request headers together; the spec's 16384-character token fits with room. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The limit on a request body; the specs' largest valid bodies are a few kilobytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The limit on a state document (the control API's import and fixtures), the specs' {@code x-max-body-bytes}. */
    public static final long MAX_STATE_BYTES = 256L * 1024 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

    private final HttpHandler application;

    public GatewayGuard(HttpHandler application) {
        this.application = application;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        ApiException refusal = refusal(request);
        if (refusal != null) {
            write(response, refusal);
            return;
        }
        // The application reaches the connection (a fault that drops it) without Grizzly types.
        request.setAttribute(Exchange.attribute(), new Exchange(RequestIds.newId(), System.nanoTime(), Instant.now(),
                () -> request.getContext().getConnection().closeSilently()));
        application.service(request, response);
    }

    private static ApiException refusal(Request request) {
        String path = request.getRequestURI();
        if (!METHODS.contains(request.getMethod().getMethodString())
                || (path.length() > 1 && (path.endsWith("/") || path.contains("//")))) {
            return ApiException.of(ErrorCode.GATEWAY_NO_SUCH_API);
        }
        if (!wellFormed(path) || (request.getQueryString() != null && !wellFormed(request.getQueryString()))) {
            return ApiException.of(ErrorCode.GATEWAY_BAD_REQUEST, "the request URI is not well-formed (percent-encoding, characters to encode)");
        }
        long headerBytes = 0;
        for (String name : request.getHeaderNames()) {
            for (String value : request.getHeaders(name)) {
                headerBytes += name.length() + value.length() + 4;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            return ApiException.of(ErrorCode.GATEWAY_BAD_REQUEST, "the request headers exceed " + MAX_HEADER_BYTES + " bytes");
        }
        long limit = maxBodyBytes(request.getMethod().getMethodString(), path);
        if (request.getContentLengthLong() > limit) {
            return ApiException.of(ErrorCode.GATEWAY_BODY_TOO_LARGE, limit);
        }
        return null;
    }

    /** The limit on the body of a request with {@code method} to {@code path}. */
    public static long maxBodyBytes(String method, String path) {
        boolean stateDocument = ("PUT".equals(method) && "/_batchops/state".equals(path))
                || ("POST".equals(method) && "/_batchops/fixtures".equals(path));
        return stateDocument ? MAX_STATE_BYTES : MAX_BODY_BYTES;
    }

    /** The gateway's JSON error body for {@code error}. */
    public static String json(ApiException error, String requestId) {
        try {
            return Json.MAPPER.writeValueAsString(ErrorBody.of(error, Language.EN_US, requestId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an error body always serializes", e);
        }
    }

    /** Characters a URI may not hold unencoded (RFC 3986). */
    private static final String NOT_IN_URIS = "<>\"{}|\\^`";

    /** Percent signs introduce two hexadecimal digits; no control characters, spaces or characters URIs exclude. */
    private static boolean wellFormed(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f || NOT_IN_URIS.indexOf(c) >= 0) {
                return false;
            }
            if (c == '%' && (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code error} as the gateway does: status, JSON body, request id. */
    public static void write(Response response, ApiException error) throws IOException {
        String id = RequestIds.newId();
        byte[] body = json(error, id).getBytes(StandardCharsets.UTF_8);
        response.setStatus(error.code().status());
        response.setHeader(RequestIds.HEADER, id);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
