package io.onsale.reservations.topology;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Rate and total of each kind of decision a processor takes, as Kafka Streams metrics: group
 * {@code stream-onsale-<scope>-metrics}, names {@code <outcome>-rate} and {@code <outcome>-total}, tagged with
 * the task. Every Kafka metrics reporter and the edge's Micrometer binding export them as they are.
 */
final class DecisionMetrics {

    private final StreamsMetrics metrics;
    private final String scope;
    private final String task;
    private final Map<String, Sensor> sensors = new HashMap<>();

    DecisionMetrics(StreamsMetrics metrics, String scope, String task) {
        this.metrics = metrics;
        this.scope = "onsale-" + scope;
        this.task = task;
    }

    void record(String outcome) {
        String name = outcome.toLowerCase(Locale.ROOT).replace('_', '-');
        sensors.computeIfAbsent(name, key -> metrics.addRateTotalSensor(scope, task, key, Sensor.RecordingLevel.INFO))
                .record();
    }
}
