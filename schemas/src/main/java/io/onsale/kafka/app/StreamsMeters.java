package io.onsale.kafka.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A {@code KafkaStreams}' own metrics (its threads' commit, poll and process latencies, their producers' transaction
 * times, its consumers' lag) on a meter registry, tagged {@code app}: without them an operator cannot tell a decision
 * that waits on its commit from one that waits in line, nor see a consumer falling behind. The one binding of every
 * Streams client the platform runs: the edge's embedded ones on its registry ({@code /actuator/prometheus}), the
 * standalone apps' on theirs ({@link StreamsAppMetrics}, {@code GET /metrics}), so a series has the same name and
 * labels wherever its client runs and one alert rule (ops/prometheus/alerts.yml) covers both.
 *
 * <p>Metrics Kafka creates after the start (a task's first decisions, a partition's lag once assigned) are bound
 * every {@link #REFRESH}, not Micrometer's default minute: the edge's dashboard and alerts read them a second later.
 */
public final class StreamsMeters implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(10);

    private final KafkaStreamsMetrics metrics;
    private final ScheduledExecutorService refresher;

    private StreamsMeters(KafkaStreamsMetrics metrics, ScheduledExecutorService refresher) {
        this.metrics = metrics;
        this.refresher = refresher;
    }

    /** @param app the {@code app} tag: {@code reservations} or {@code waiting-room} */
    public static StreamsMeters bind(KafkaStreams streams, String app, MeterRegistry registry) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streams-meters-" + app);
            thread.setDaemon(true);
            return thread;
        });
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("app", app), refresher, REFRESH);
        metrics.bindTo(registry);
        return new StreamsMeters(metrics, refresher);
    }

    @Override
    public void close() {
        try {
            metrics.close();
        } finally {
            refresher.shutdownNow();
        }
    }
}
