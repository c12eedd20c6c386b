package io.onsale.edge.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A {@code KafkaStreams}' own metrics (its threads' commit, poll and process latencies, their producers' transaction
 * times, its consumers' lag) on the edge's meter registry, tagged {@code app}: without them an operator cannot tell a
 * decision that waits on its commit from one that waits in line, nor see a consumer falling behind.
 */
public final class StreamsMeters implements AutoCloseable {

    private final KafkaStreamsMetrics metrics;

    private StreamsMeters(KafkaStreamsMetrics metrics) {
        this.metrics = metrics;
    }

    public static StreamsMeters bind(KafkaStreams streams, String app, MeterRegistry registry) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("app", app));
        metrics.bindTo(registry);
        return new StreamsMeters(metrics);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
