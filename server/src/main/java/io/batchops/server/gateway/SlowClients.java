package io.batchops.server.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Drops a connection whose request headers do not arrive in time: within the timeout of the
 * connection opening, or of the previous answer on a kept-alive connection. Grizzly's own idle
 * timeout is reset by every byte, so a client that sends one byte at a time would hold a connection
 * for ever; this deadline is not moved by bytes. Once the headers are in, the body's time is
 * {@link BodyLimit}'s (it answers 408), and while the server works (a fault's delay included) no
 * deadline runs.
 */
public final class SlowClients implements AddOn, AutoCloseable {
    private final long timeoutNanos;
    private final Map<Connection<?>, Deadline> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /** When a connection's next request headers are due. */
    private static final class Deadline {
        /** System.nanoTime() by which the headers must be in; 0 once they are, until the answer is sent. */
        volatile long due;
    }

    public SlowClients(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
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

    private void dropLate() {
        long now = System.nanoTime();
        deadlines.forEach((connection, deadline) -> {
            long due = deadline.due;
            if (due != 0 && now - due > 0) {
                deadlines.remove(connection);
                connection.closeSilently();
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private final class Watch extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext context) throws IOException {
            Connection<?> connection = context.getConnection();
            Deadline deadline = new Deadline();
            deadline.due = System.nanoTime() + timeoutNanos;
            deadlines.put(connection, deadline);
            connection.addCloseListener((closed, type) -> deadlines.remove(closed));
            return context.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext context) throws IOException {
            // The codec passes nothing on before a request's headers are complete.
            Deadline deadline = deadlines.get(context.getConnection());
            if (deadline != null && deadline.due != 0) {
                deadline.due = 0;
            }
            return context.getInvokeAction();
        }

        @Override
        public NextAction handleWrite(FilterChainContext context) throws IOException {
            if (context.getMessage() instanceof HttpContent content && content.isLast()) {
                Deadline deadline = deadlines.get(context.getConnection());
                if (deadline != null) {
                    deadline.due = System.nanoTime() + timeoutNanos;
                }
            }
            return context.getInvokeAction();
        }
    }
}
