package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.request.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.CompositeBuffer;

/**
 * Slow clients hold connections, never worker threads. Between the HTTP codec and the server, it
 * hands a request on only once all of it has arrived: a body still on its way is kept here (in
 * memory, up to the request's limit, {@link GatewayGuard#maxBodyBytes}) while the worker that read
 * its first part goes back to the pool, so the application never waits for a client's bytes. Most
 * requests arrive whole in one read and pass straight through.
 *
 * <p>Deadlines, with {@code timeout} not zero: a request's headers must arrive within the timeout of
 * the connection opening or of the previous answer, or the connection is closed without an answer
 * (Grizzly's own idle timeout is reset by every byte, so a client sending one byte at a time would
 * hold a connection for ever; this one is not moved by bytes). Its body must arrive within the
 * timeout of its headers, or it is answered 408 and the connection closed. A body over its limit is
 * answered 413 as soon as it is. While the server works (a fault's delay included) no deadline runs.
 */
public final class SlowClients implements AddOn, AutoCloseable {
    private final long timeoutNanos;
    private final Map<Connection<?>, Watched> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    /** Requests kept here at some point and not answered yet: the HTTP server does not know of those still arriving. */
    private final AtomicInteger underWay = new AtomicInteger();

    /** What a connection is waiting for, and until when. */
    private static final class Watched {
        /** System.nanoTime() by which the headers or the body must be in; 0 while the server works on a request. */
        volatile long due;
        /** The request whose body is arriving, and what of it has: null while none is. */
        volatile HttpRequestPacket held;
        /** Whether the request under way was kept here (and so counts in {@link #underWay} until it is answered). */
        volatile boolean counted;
        CompositeBuffer body;
        long limit;
    }

    /** {@code timeout} zero: requests are still handed on whole, but may take any time. */
    public SlowClients(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        if (timeout.isZero()) {
            sweeper = null;
            return;
        }
        Duration tick = timeout.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? timeout.dividedBy(4) : Duration.ofSeconds(1);
        sweeper = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "batchops-slow-clients");
            thread.setDaemon(true);
            return thread;
        });
        long tickNanos = Math.max(tick.toNanos(), TimeUnit.MILLISECONDS.toNanos(10));
        sweeper.scheduleWithFixedDelay(this::dropLate, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        // After the HTTP codec, before the server's filter: it sees each request's headers and body parts.
        chain.add(chain.indexOfType(HttpServerFilter.class), new Watch());
    }

    /**
     * Waits, for at most {@code limit}, until every request kept here has been answered: a graceful
     * stop lets bodies still arriving finish (the HTTP server's own wait knows only the requests it has).
     */
    public void awaitKeptRequests(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (underWay.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

    /** The request {@code watched} kept is answered, refused or gone. */
    private void done(Watched watched) {
        if (watched.counted) {
            watched.counted = false;
            underWay.decrementAndGet();
        }
    }

    private long deadline() {
        return timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
    }

    private void dropLate() {
        long now = System.nanoTime();
        connections.forEach((connection, watched) -> {
            long due = watched.due;
            if (due != 0 && now - due > 0) {
                connections.remove(connection);
                boolean bodyLate;
                synchronized (watched) {
                    bodyLate = watched.held != null;
                    watched.held = null;
                    watched.body = null;
                    done(watched);
                }
                if (bodyLate) {
                    refuse(connection, ApiException.of(ErrorCode.GATEWAY_REQUEST_TIMEOUT, Duration.ofNanos(timeoutNanos).toSeconds()));
                } else {
                    connection.closeSilently();
                }
            }
        });
    }

    /**
     * Answers {@code error} in the gateway's JSON and closes the connection, below the HTTP server: the
     * request never reached it. The rest of the body is not read.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void refuse(Connection connection, ApiException error) {
        String id = RequestIds.newId();
        byte[] body = GatewayGuard.json(error, id).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + error.code().status() + " " + reason(error.code().status()) + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n"
                + SafeHeaders.NOSNIFF_NAME + ": " + SafeHeaders.NOSNIFF_VALUE + "\r\n" + RequestIds.HEADER + ": " + id + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, answer, 0, head8.length);
        System.arraycopy(body, 0, answer, head8.length, body.length);
        connection.write(Buffers.wrap(connection.getMemoryManager(), answer), new EmptyCompletionHandler<>() {
            @Override
            public void completed(Object result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                connection.closeSilently();
            }
        });
    }

    private static String reason(int status) {
        return status == 408 ? "Request Timeout" : "Content Too Large";
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private final class Watch extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext context) throws IOException {
            Connection<?> connection = context.getConnection();
            Watched watched = new Watched();
            watched.due = deadline();
            connections.put(connection, watched);
            connection.addCloseListener((closed, type) -> {
                connections.remove(closed);
                synchronized (watched) {
                    done(watched);
                }
            });
            return context.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext context) throws IOException {
            // The codec passes nothing on before a request's headers are complete.
            Watched watched = connections.get(context.getConnection());
            if (watched == null || !(context.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
                return context.getInvokeAction();
            }
            if (watched.held == null && content.isLast()) {
                // All in at once: most requests. Only this connection's reads touch it while nothing is kept.
                watched.due = 0;
                return context.getInvokeAction();
            }
            synchronized (watched) {
                if (watched.held == null) {
                    long limit = GatewayGuard.maxBodyBytes(request.getMethod().getMethodString(), request.getRequestURI());
                    if (content.isLast() || "100-continue".equalsIgnoreCase(request.getHeader("Expect"))
                            || request.getContentLength() > limit) {
                        // All in by now, a client that sends its body only when asked, or
                        // one announcing a body the gateway refuses unread.
                        watched.due = 0;
                        return context.getInvokeAction();
                    }
                    watched.held = request;
                    watched.counted = true;
                    underWay.incrementAndGet();
                    watched.body = CompositeBuffer.newBuffer(context.getConnection().getMemoryManager());
                    watched.limit = limit;
                    watched.due = deadline();
                } else if (watched.held != request) {
                    return context.getInvokeAction();
                }
                watched.body.append(copy(context, content.getContent()));
                if (watched.body.remaining() > watched.limit) {
                    watched.held = null;
                    watched.body = null;
                    watched.due = 0;
                    done(watched);
                    refuse(context.getConnection(), ApiException.of(ErrorCode.GATEWAY_BODY_TOO_LARGE, watched.limit));
                    return context.getStopAction();
                }
                if (!content.isLast()) {
                    return context.getStopAction();
                }
                context.setMessage(HttpContent.builder(request).content(watched.body).last(true).build());
                watched.held = null;
                watched.body = null;
                watched.due = 0;
                return context.getInvokeAction();
            }
        }

        /** The codec's buffer is the transport's, reused once this read is done: what is kept is copied. */
        private Buffer copy(FilterChainContext context, Buffer part) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            return Buffers.wrap(context.getConnection().getMemoryManager(), bytes);
        }

        @Override
        public NextAction handleWrite(FilterChainContext context) throws IOException {
            if (context.getMessage() instanceof HttpContent content && content.isLast()) {
                Watched watched = connections.get(context.getConnection());
                if (watched != null) {
                    watched.due = deadline();
                    if (watched.counted) {
                        synchronized (watched) {
                            done(watched);
                        }
                    }
                }
            }
            return context.getInvokeAction();
        }
    }
}
