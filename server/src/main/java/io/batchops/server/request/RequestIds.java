package io.batchops.server.request;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers every request's id (its {@link Exchange}'s, given at the edge before anything can fail) in
 * {@code X-Request-Id} on every response, errors included. A client's own {@code X-Request-Id} is
 * ignored: as with the real gateway, the id is the server's.
 */
public final class RequestIds implements ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    private static final HexFormat HEX = HexFormat.of();

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
        response.getHeaders().putSingle(HEADER, Exchange.of(request).id());
    }
}
