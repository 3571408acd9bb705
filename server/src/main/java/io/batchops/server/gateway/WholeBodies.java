package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request to the application only once its body has arrived, so that a client sending its
 * body slowly holds a connection, not one of the few worker threads. Until then the response is
 * suspended and Grizzly reads the body as it comes, without blocking a thread. A body not in within
 * the timeout of its headers is answered 408 and its connection closed.
 *
 * <p>The wait covers the gateway's body limit: a body larger than that (only the control API's state
 * import takes one) is handed over once that much has arrived, and read on as a stream, where
 * {@link BodyLimit}'s limits apply.
 */
public final class WholeBodies extends HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.request");

    private final HttpHandler application;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;

    /** {@code timeout} zero: a body may take any time. */
    public WholeBodies(HttpHandler application, Duration timeout) {
        this.application = application;
        this.timeoutNanos = timeout.toNanos();
        this.timer = timeout.isZero() ? null : Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "batchops-body-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        NIOInputStream body = request.getNIOInputStream();
        if (body.isFinished() || !request.getRequest().isExpectContent() || body.readyData() > GatewayGuard.MAX_BODY_BYTES) {
            application.service(request, response);
            return;
        }
        response.suspend();
        Waiting waiting = new Waiting(request, response, body);
        if (timer != null) {
            waiting.timeout = timer.schedule(waiting::timedOut, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        waiting.awaitMore();
    }

    /** Stops the timer; bodies still on their way are left to the listener's shutdown. */
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One request whose body is on its way. Exactly one of arrival, failure and timeout ends it. */
    private final class Waiting implements ReadHandler {
        private final Request request;
        private final Response response;
        private final NIOInputStream body;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Waiting(Request request, Response response, NIOInputStream body) {
            this.request = request;
            this.response = response;
            this.body = body;
        }

        /** Asks to be told when more than what is here has arrived, or all of it. */
        void awaitMore() {
            body.notifyAvailable(this, body.readyData() + 1);
        }

        @Override
        public void onDataAvailable() {
            if (body.readyData() > GatewayGuard.MAX_BODY_BYTES) {
                onAllDataRead();
            } else if (!ended.get()) {
                awaitMore();
            }
        }

        @Override
        public void onAllDataRead() {
            if (!end()) {
                return;
            }
            try {
                application.service(request, response);
            } catch (Exception | Error failed) {
                LOG.error("The application failed a request outside its own error handling", failed);
            } finally {
                // The application resumes the response when it answers; this covers one that did not.
                if (response.isSuspended()) {
                    response.resume();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The connection closed or broke before the body was in: there is no one to answer.
            end();
        }

        void timedOut() {
            if (!end()) {
                return;
            }
            try {
                response.setHeader("Connection", "close");
                GatewayGuard.write(response, ApiException.of(ErrorCode.GATEWAY_REQUEST_TIMEOUT,
                        Duration.ofNanos(timeoutNanos).toSeconds()));
            } catch (IOException | RuntimeException unwritable) {
                request.getContext().getConnection().closeSilently();
            } finally {
                if (response.isSuspended()) {
                    response.resume();
                }
            }
        }

        private boolean end() {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
            return true;
        }
    }
}
