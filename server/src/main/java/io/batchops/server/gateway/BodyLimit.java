package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The body's limits, whoever reads it. Its size, for bodies whose length is not announced (chunked):
 * reading past {@link GatewayGuard#MAX_BODY_BYTES} fails with the gateway's 413. Its time: a body
 * still arriving the header timeout after the server first reads it fails with the gateway's 408 (a read that
 * waits is cut at the same timeout by the transport's read timeout, which the server sets).
 */
@PreMatching
public final class BodyLimit implements ContainerRequestFilter {
    private final long timeoutNanos;

    /** {@code timeout} zero: no limit in time. */
    public BodyLimit(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setEntityStream(new Limited(request.getEntityStream(), GatewayGuard.MAX_BODY_BYTES, timeoutNanos));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final long timeoutNanos;
        /** System.nanoTime() by which the body must be in: the timeout from the first read, 0 before it. */
        private long due;
        private long read;

        Limited(InputStream in, long limit, long timeoutNanos) {
            super(in);
            this.limit = limit;
            this.timeoutNanos = timeoutNanos;
        }

        /** The body's time runs from when the server first asks for it: its own work before (a fault's delay) is not the client's. */
        private void startClock() {
            if (due == 0 && timeoutNanos != 0) {
                due = System.nanoTime() + timeoutNanos;
            }
        }

        @Override
        public int read() throws IOException {
            startClock();
            int b;
            try {
                b = super.read();
            } catch (IOException | RuntimeException failed) {
                refuseIfLate();
                throw failed;
            }
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            startClock();
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException failed) {
                refuseIfLate();
                throw failed;
            }
            count(Math.max(n, 0));
            return n;
        }

        /** A read that fails or brings bytes after the deadline: the client was too slow, 408. */
        private void refuseIfLate() {
            if (due != 0 && System.nanoTime() - due >= 0) {
                throw ApiException.of(ErrorCode.GATEWAY_REQUEST_TIMEOUT, Duration.ofNanos(timeoutNanos).toSeconds());
            }
        }

        private void count(int n) {
            if (n > 0) {
                refuseIfLate();
            }
            read += n;
            if (read > limit) {
                throw ApiException.of(ErrorCode.GATEWAY_BODY_TOO_LARGE, limit);
            }
        }
    }
}
