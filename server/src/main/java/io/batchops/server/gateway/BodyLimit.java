package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body's size, for bodies whose length is not announced (chunked) and arrived whole in one read
 * (others {@link SlowClients} measured as they came): reading past {@link GatewayGuard#maxBodyBytes}
 * fails with the gateway's 413.
 */
@PreMatching
public final class BodyLimit implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        long limit = GatewayGuard.maxBodyBytes(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
        request.setEntityStream(new Limited(request.getEntityStream(), limit));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw ApiException.of(ErrorCode.GATEWAY_BODY_TOO_LARGE, limit);
            }
        }
    }
}
