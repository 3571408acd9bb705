package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The body's size, for bodies whose length is not announced (chunked) and arrived whole in one read
 * (others {@link SlowClients} measured as they came): reading past {@link GatewayGuard#maxBodyBytes}
 * fails with the gateway's 413. A body read while it arrives (one sent after {@code 100 Continue},
 * which {@link SlowClients} lets through) that stops arriving for the transport's read timeout
 * ({@code --header-timeout}) fails with the gateway's 408.
 */
@PreMatching
public final class BodyLimit implements ContainerRequestFilter {
    private final long timeoutSeconds;

    public BodyLimit(Duration headerTimeout) {
        this.timeoutSeconds = headerTimeout.toSeconds();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = GatewayGuard.maxBodyBytes(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
        request.setEntityStream(new Limited(request.getEntityStream(), limit, timeoutSeconds));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final long timeoutSeconds;
        private long read;

        Limited(InputStream in, long limit, long timeoutSeconds) {
            super(in);
            this.limit = limit;
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw timedOut(e);
            }
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw timedOut(e);
            }
            count(Math.max(n, 0));
            return n;
        }

        /** Grizzly's blocking read gives up with an IOException wrapping a TimeoutException. */
        private IOException timedOut(IOException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                    throw ApiException.of(ErrorCode.GATEWAY_REQUEST_TIMEOUT, timeoutSeconds);
                }
            }
            return failure;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw ApiException.of(ErrorCode.GATEWAY_BODY_TOO_LARGE, limit);
            }
        }
    }
}
