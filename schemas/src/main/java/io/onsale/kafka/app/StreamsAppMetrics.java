package io.onsale.kafka.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a standalone Streams app (engine.jar, waiting-room.jar) serves at {@code GET /metrics} of its query endpoint,
 * for Prometheus: its Streams client's metrics bound as the edge binds its embedded ones ({@link StreamsMeters}, tag
 * {@code app}: the app's name, {@code reservations} or {@code waiting-room}), on the registry the edge's
 * {@code /actuator/prometheus} uses, so every series an alert rule or the Grafana dashboard reads has the same name and
 * labels in both modes ({@code kafka_stream_client_state{app}}, {@code kafka_consumer_fetch_manager_records_lag},
 * {@code kafka_stream_thread_commit_latency_avg}, the engine's decision sensors, ...). Plus what this process alone
 * knows: its restorations ({@link RestorationLog}) and its JVM (the same binders Spring Boot gives the edge).
 *
 * <p>Text exposition format 0.0.4, which every Prometheus reads. No token: the endpoint is on the cluster's internal
 * network only, as the store reads it serves beside it (ADR 0016).
 */
public final class StreamsAppMetrics implements AutoCloseable {

    /** The text exposition format's content type; Prometheus 3 refuses a scrape without a valid one. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final StreamsMeters streams;
    private final JvmGcMetrics gc;

    private StreamsAppMetrics(PrometheusMeterRegistry registry, StreamsMeters streams, JvmGcMetrics gc) {
        this.registry = registry;
        this.streams = streams;
        this.gc = gc;
    }

    /**
     * Binds {@code streams}' metrics and {@code restoration}'s counters under {@code app}; before or after the start
     * (metrics Streams creates later are bound every {@link StreamsMeters#REFRESH}).
     */
    public static StreamsAppMetrics bind(String app, KafkaStreams streams, RestorationLog restoration) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        bindRestoration(app, restoration, registry);
        return new StreamsAppMetrics(registry, StreamsMeters.bind(streams, app, registry), gc);
    }

    /**
     * {@code onsale_streams_restorations_total}, {@code onsale_streams_restored_records_total},
     * {@code onsale_streams_restore_seconds_total}, {@code onsale_streams_standby_records_total}, each {@code {app}}:
     * after a failover, a few restored records and a growing standby count say a standby took over; the whole changelog
     * restored says none did.
     */
    private static void bindRestoration(String app, RestorationLog restoration, PrometheusMeterRegistry registry) {
        FunctionCounter.builder("onsale.streams.restorations", restoration, RestorationLog::restorations)
                .description("Changelog partitions restored to take tasks over")
                .tag("app", app)
                .register(registry);
        FunctionCounter.builder("onsale.streams.restored.records", restoration, RestorationLog::restoredRecords)
                .description("Records replayed from changelogs into local stores")
                .tag("app", app)
                .register(registry);
        FunctionCounter.builder("onsale.streams.restore", restoration, log -> log.restoreMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Time spent restoring, summed over partitions")
                .tag("app", app)
                .register(registry);
        FunctionCounter.builder("onsale.streams.standby.records", restoration, RestorationLog::standbyRecords)
                .description("Records standby tasks copied from changelogs")
                .tag("app", app)
                .register(registry);
    }

    /** Every meter, in the text exposition format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** {@code GET /metrics}. */
    public StreamsHttpEndpoint.Route route() {
        return parameters ->
                new StreamsHttpEndpoint.Reply(200, CONTENT_TYPE, scrape().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public void close() {
        try {
            streams.close();
            gc.close();
        } finally {
            registry.close();
        }
    }
}
