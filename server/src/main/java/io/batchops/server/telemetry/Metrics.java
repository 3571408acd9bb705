package io.batchops.server.telemetry;

import io.batchops.server.errors.UnavailableException;
import io.batchops.server.journal.Journal;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.store.Store;
import io.batchops.server.store.StoredCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What {@code /_batchops/metrics} reports, in Prometheus's text format: requests by operation and
 * status with their latency, the records stored by state, faults fired, the journal, and the JVM.
 */
public final class Metrics implements AutoCloseable {
    /** Latency buckets: an emulator answers in milliseconds; the long ones are faults' delays. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};
    /** The status label of a request a fault answered by closing the connection. */
    static final String DROPPED = "dropped";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Store store;
    /** Timers by operation, then by status (index 0: dropped), built on first use. */
    private final Map<String, Timer[]> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> faultsFired = new ConcurrentHashMap<>();
    private final MultiGauge tasks;
    private final MultiGauge sources;
    private final MultiGauge jobs;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics(Store store, Journal journal) {
        this.store = store;
        tasks = MultiGauge.builder("batchops.sms.tasks").description("SMS migration tasks stored, by state")
                .register(registry);
        sources = MultiGauge.builder("batchops.sms.sources").description("SMS source servers stored, by state")
                .register(registry);
        jobs = MultiGauge.builder("batchops.drs.jobs").description("DRS jobs stored, by status").register(registry);
        Gauge.builder("batchops.store.up", store, serving -> serving.health().up() ? 1 : 0)
                .description("Whether the store serves (1) or not (0: its database lost, its disk full)").register(registry);
        Gauge.builder("batchops.journal.requests", journal, Journal::held)
                .description("Requests the journal holds").register(registry);
        Gauge.builder("batchops.journal.dropped", journal, Journal::dropped)
                .description("Requests the journal dropped to stay within --journal-size since it was last cleared")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Counts one answered request; {@code status} null when a fault closed the connection instead. */
    void request(String operation, Integer status, long nanos, String fault) {
        Timer[] byStatus = requests.computeIfAbsent(operation, any -> new Timer[600]);
        int index = status == null || status < 100 || status >= byStatus.length ? 0 : status;
        Timer timer = byStatus[index];
        if (timer == null) {
            timer = Timer.builder("batchops.requests").description("Requests answered, by operationId and status")
                    .tags("operation", operation, "status", index == 0 ? DROPPED : Integer.toString(index))
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
            byStatus[index] = timer;
        }
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (fault != null) {
            faultsFired.computeIfAbsent(operation, op -> Counter.builder("batchops.faults.fired")
                    .description("Requests a fault rule answered, by operationId").tag("operation", op)
                    .register(registry)).increment();
        }
    }

    /**
     * The text Prometheus scrapes, with the stored records counted now; while the store cannot serve,
     * the last counts stand and {@code batchops_store_up} says 0 (a scrape never waits for a lost database).
     */
    public String scrape() {
        if (store.health().up()) {
            try {
                StoredCounts counts = store.counts();
                tasks.register(rows(counts.tasks(), Enum::name), true);
                sources.register(rows(counts.sources(), MigrationSourceState::wireName), true);
                jobs.register(rows(counts.jobs(), Enum::name), true);
            } catch (UnavailableException lost) {
                // The store now says so too: the gauge below reads it.
            }
        }
        return registry.scrape();
    }

    /** A row for every state, zero included, so that a series does not vanish when its last record goes. */
    private static <S extends Enum<S>> List<MultiGauge.Row<?>> rows(Map<S, Long> counts, Function<S, String> label) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", label.apply(state)), count)));
        return rows;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
