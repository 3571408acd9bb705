package io.batchops.server.request;

import io.batchops.server.json.Json;
import io.batchops.server.json.NamedIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.ext.InterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One request's context, created once at the edge (before Jersey sees the request) and read by every
 * stage after it: its id, when it arrived, the operation it reached, the body's bytes and the ids it
 * names (each read once), and what each stage decided, under that stage's own typed {@link Key}
 * (authentication, faults, the error family). A stage depends on this class, never on another stage.
 *
 * <p>Jersey reaches it through {@link #of}: the one request attribute the edge sets (Grizzly's request
 * attributes are Jersey's request properties). A request is served by one thread at a time.
 */
public final class Exchange {
    private static final String ATTRIBUTE = Exchange.class.getName();
    private static final AtomicInteger KEYS = new AtomicInteger();

    /** A fact one stage leaves for the stages after it; its type is the key's. */
    public static final class Key<T> {
        private final int index = KEYS.getAndIncrement();
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        public static <T> Key<T> named(String name) {
            return new Key<>(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final String id;
    private final long arrivedNanos;
    private final Instant arrivedAt;
    private final Runnable dropConnection;
    private String operation;
    private long latencyNanos;
    private boolean answered;
    private byte[] body;
    private List<String> bodyIds;
    private List<String> namedIds;
    private boolean dropped;
    private Object[] facts = new Object[8];

    /**
     * A request that arrived at {@code arrivedNanos} ({@link System#nanoTime()}), at {@code arrivedAt} by
     * the server's clock; {@code dropConnection} closes its connection without an answer.
     */
    public Exchange(String id, long arrivedNanos, Instant arrivedAt, Runnable dropConnection) {
        this.id = id;
        this.arrivedNanos = arrivedNanos;
        this.arrivedAt = arrivedAt;
        this.dropConnection = dropConnection;
    }

    /** The context of a request Jersey serves. */
    public static Exchange of(ContainerRequestContext request) {
        return checked(request.getProperty(ATTRIBUTE));
    }

    private static Exchange checked(Object exchange) {
        if (exchange == null) {
            throw new IllegalStateException("a request reached Jersey without passing the gateway's edge");
        }
        return (Exchange) exchange;
    }

    /** The context of a request whose body Jersey reads. */
    public static Exchange of(InterceptorContext context) {
        return checked(context.getProperty(ATTRIBUTE));
    }

    /** The name of the attribute under which the edge hands the context to Jersey. */
    public static String attribute() {
        return ATTRIBUTE;
    }

    /** The request's id, answered in {@code X-Request-Id}. */
    public String id() {
        return id;
    }

    public Instant arrivedAt() {
        return arrivedAt;
    }

    /**
     * Marks the answer final (the response stages run): the latency is fixed now, so that the journal,
     * the log line and the metrics report one figure, and the body is no longer kept for a reader.
     */
    public void answered() {
        if (!answered) {
            latencyNanos = System.nanoTime() - arrivedNanos;
            answered = true;
        }
    }

    /** How long the request took until it was {@link #answered}, or until now. */
    public long latencyNanos() {
        return answered ? latencyNanos : System.nanoTime() - arrivedNanos;
    }

    /** The service operation (its operationId) the request reached, or null: the control API, a page, no match. */
    public String operation() {
        return operation;
    }

    public void reached(String operationId) {
        this.operation = operationId;
    }

    /** Closes the connection without an answer (a fault): the response is never written. */
    /** Marks the request to go unanswered; {@link #closeIfDropped} closes its connection once it is recorded. */
    public void dropConnection() {
        dropped = true;
    }

    /**
     * Closes the connection of a request marked dropped: after its journal entry is recorded, so that a
     * client that sees the connection drop finds the request in the journal at once.
     */
    public void closeIfDropped() {
        if (dropped) {
            dropConnection.run();
        }
    }

    public boolean dropped() {
        return dropped;
    }

    /**
     * The request body's bytes, read once for whichever stage needs them whole before the operation
     * reads its model (a signature's hash, a fault rule naming ids); until the request is answered, the
     * entity stream is replaced by them.
     */
    public byte[] body(ContainerRequestContext request) throws IOException {
        if (body == null) {
            body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
            if (!answered) {
                request.setEntityStream(new ByteArrayInputStream(body));
            }
        }
        return body;
    }

    /**
     * The task, source server and job ids the request names (see {@link NamedIds}): its path's, then
     * its body's, found once: from the model the operation read when it read one (see {@link #read}),
     * else from the body as JSON.
     */
    public List<String> namedIds(ContainerRequestContext request) {
        if (namedIds == null) {
            List<String> ids = new ArrayList<>();
            NamedIds.inPath(request.getUriInfo().getPathParameters(), ids);
            ids.addAll(bodyIds(request));
            namedIds = List.copyOf(ids);
        }
        return namedIds;
    }

    private List<String> bodyIds(ContainerRequestContext request) {
        if (bodyIds == null) {
            List<String> ids = new ArrayList<>();
            try {
                if (!dropped && (body != null || request.hasEntity())) {
                    NamedIds.inBody(Json.MAPPER.readTree(body(request)), ids);
                }
            } catch (IOException | RuntimeException notJson) {
                // What cannot be read names nothing; the service refuses it on its own.
            }
            bodyIds = ids;
        }
        return bodyIds;
    }

    /** Notes the ids of the model the operation read, so that the body is not parsed again for them. */
    public void read(Object model) {
        if (bodyIds == null) {
            List<String> ids = new ArrayList<>();
            NamedIds.inEntity(model, ids);
            bodyIds = ids;
        }
    }

    /** What a stage decided under {@code key}, or null when it did not run or decided nothing. */
    @SuppressWarnings("unchecked") // put() stores only a T under a Key<T>
    public <T> T get(Key<T> key) {
        return key.index < facts.length ? (T) facts[key.index] : null;
    }

    public <T> void put(Key<T> key, T value) {
        if (key.index >= facts.length) {
            facts = Arrays.copyOf(facts, Math.max(key.index + 1, facts.length * 2));
        }
        facts[key.index] = value;
    }

    /** The fact under {@code key}, computed from this request the first time it is asked for. */
    public <T> T computeIfAbsent(Key<T> key, Function<Exchange, T> compute) {
        T value = get(key);
        if (value == null) {
            value = compute.apply(this);
            put(key, value);
        }
        return value;
    }
}
