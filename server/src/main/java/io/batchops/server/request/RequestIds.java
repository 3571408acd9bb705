package io.batchops.server.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id before anything else can fail, and answers it in {@code X-Request-Id}
 * on every response, errors included. A client's own {@code X-Request-Id} is ignored: as with the
 * real gateway, the id is the server's.
 */
@PreMatching
@Priority(0)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    private static final String PROPERTY = RequestIds.class.getName();
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, newId());
    }

    /**
     * A fresh request id: 32 hexadecimal digits, as the gateway's. Unique, not secret: from the
     * thread's own generator, not from SecureRandom, whose source every worker thread would share.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, of(request));
    }

    /** This request's id. */
    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? "" : id.toString();
    }
}
