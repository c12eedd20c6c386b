package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge's meters, as its Prometheus registry keeps them, summed into the series the charts and rules read. */
class MeterReadingsTest {

    private static final Instant NOW = Instant.parse("2030-05-01T19:00:00Z");

    private final MeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MeterReadings readings = new MeterReadings(meters);

    @Test
    void holdsAreCountedByOutcomeAndTheirLatencyIsOneHistogramOfEveryOutcome() {
        holdAnswer("HELD").record(Duration.ofMillis(20));
        holdAnswer("HELD").record(Duration.ofMillis(30));
        holdAnswer("REJECTED:SEAT_TAKEN").record(Duration.ofMillis(900));
        answer("CONFIRM", "CONFIRMED").record(Duration.ofSeconds(5));

        Sample sample = readings.read(NOW, Map.of());

        assertThat(sample.values())
                .containsEntry(Key.of(Readings.HOLDS, "HELD"), 2.0)
                .containsEntry(Key.of(Readings.HOLDS, "REJECTED"), 1.0)
                .doesNotContainKey(Key.of(Readings.HOLDS, "CONFIRMED"));
        Histogram latency = sample.histograms().get(Key.of(Readings.HOLD_LATENCY));
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.quantile(0.99).getAsDouble())
                .as("the rejected one, not the confirm")
                .isBetween(0.5, 1.0);
    }

    @Test
    void gatewayCallsFailuresAndLatencyAreByCall() {
        Timer ok = gateway("authorize", "ok");
        ok.record(Duration.ofMillis(200));
        ok.record(Duration.ofMillis(210));
        gateway("authorize", "timeout").record(Duration.ofSeconds(10));
        gateway("capture", "ok").record(Duration.ofMillis(100));

        Sample sample = readings.read(NOW, Map.of());

        assertThat(sample.values())
                .containsEntry(Key.of(Readings.GATEWAY_CALLS, "authorize"), 3.0)
                .containsEntry(Key.of(Readings.GATEWAY_FAILURES, "authorize"), 1.0)
                .containsEntry(Key.of(Readings.GATEWAY_CALLS, "capture"), 1.0)
                .doesNotContainKey(Key.of(Readings.GATEWAY_FAILURES, "capture"));
        assertThat(sample.histograms()
                        .get(Key.of(Readings.GATEWAY_LATENCY, "authorize"))
                        .quantile(0.99)
                        .getAsDouble())
                .as("the timed-out call")
                .isGreaterThan(5);
    }

    @Test
    void answersAreByStatusClassFastRoutesIncluded() {
        meters.timer("http.server.requests", "status", "200", "uri", "/api/events/{eventId}")
                .record(Duration.ofMillis(1));
        meters.timer("http.server.requests", "status", "404", "uri", "/api/orders/{orderId}")
                .record(Duration.ofMillis(1));
        meters.timer("http.server.requests", "status", "503", "uri", "/api/orders/{orderId}")
                .record(Duration.ofMillis(1));
        Counter.builder("onsale.edge.fast.orders")
                .tag("status", "201")
                .register(meters)
                .increment(4);
        Counter.builder("onsale.edge.fast.joins")
                .tag("status", "503")
                .register(meters)
                .increment();
        Counter.builder("onsale.edge.fast.reads")
                .tag("route", "seat-map")
                .register(meters)
                .increment(10);

        Sample sample = readings.read(NOW, Map.of());

        assertThat(sample.values())
                .containsEntry(Key.of(Readings.ANSWERS, "2xx"), 15.0)
                .containsEntry(Key.of(Readings.ANSWERS, "4xx"), 1.0)
                .containsEntry(Key.of(Readings.ANSWERS, "5xx"), 2.0);
    }

    @Test
    void streamsLagIsSummedPerAppWithoutRestoreConsumersOrUnfetchedPartitions() {
        lag("reservations", "edge-1-StreamThread-1-consumer", "0", 700);
        lag("reservations", "edge-1-StreamThread-1-consumer", "1", 400);
        lag("reservations", "edge-1-StreamThread-1-restore-consumer", "0", 5000);
        lag("reservations", "edge-1-StreamThread-1-consumer", "2", Double.NaN);
        lag("waiting-room", "room-StreamThread-1-consumer", "0", 3);
        Gauge.builder("kafka.stream.client.state", () -> 2)
                .tag("app", "reservations")
                .register(meters);
        FunctionCounter.builder("kafka.stream.onsale.orders.expired.total", this, any -> 7)
                .tag("task-id", "0_1")
                .tag("app", "reservations")
                .register(meters);
        FunctionCounter.builder("kafka.stream.onsale.orders.expired.total", this, any -> 5)
                .tag("task-id", "0_2")
                .tag("app", "reservations")
                .register(meters);

        Sample sample = readings.read(NOW, Map.of(Key.of(Readings.STREAMS_INSTANCES, "reservations"), 2.0));

        assertThat(sample.values())
                .containsEntry(Key.of(Readings.LAG, "reservations"), 1100.0)
                .containsEntry(Key.of(Readings.LAG, "waiting-room"), 3.0)
                .containsEntry(Key.of(Readings.STREAMS_STATE, "reservations"), 2.0)
                .containsEntry(Key.of(Readings.ORDERS_ENDED, "expired"), 12.0)
                .containsEntry(Key.of(Readings.STREAMS_INSTANCES, "reservations"), 2.0);
    }

    @Test
    void theRoomsAndTheSectionsGaugesAreByEventAndSection() {
        Gauge.builder("onsale.queue.waiting", () -> 120).tag("event", "gala").register(meters);
        Gauge.builder("onsale.queue.mode", () -> 1)
                .tags("event", "gala", "mode", "QUEUING")
                .register(meters);
        Gauge.builder("onsale.queue.mode", () -> 0)
                .tags("event", "gala", "mode", "PAUSED")
                .register(meters);
        Gauge.builder("onsale.inventory.sold", () -> 40)
                .tags("event", "gala", "section", "FLOOR")
                .register(meters);

        Sample sample = readings.read(NOW, Map.of());

        assertThat(sample.values())
                .containsEntry(Key.of(Readings.QUEUE_WAITING, "gala"), 120.0)
                .containsEntry(Key.of(Readings.QUEUE_QUEUING, "gala"), 1.0)
                .containsEntry(Key.of(Readings.TICKETS_SOLD, "gala/FLOOR"), 40.0);
    }

    @Test
    void theHistogramsOfTwoSamplesGiveTheLatencyOfWhatHappenedBetween() {
        Timer authorize = gateway("authorize", "ok");
        for (int i = 0; i < 100; i++) {
            authorize.record(Duration.ofMillis(50));
        }
        SlidingWindow window = new SlidingWindow(Duration.ofMinutes(5));
        window.add(readings.read(NOW, Map.of()));
        for (int i = 0; i < 10; i++) {
            authorize.record(Duration.ofSeconds(3));
        }
        window.add(readings.read(NOW.plusSeconds(1), Map.of()));

        assertThat(window.quantile(Key.of(Readings.GATEWAY_LATENCY, "authorize"), 0.5, Duration.ofMinutes(1))
                        .getAsDouble())
                .as("only the 10 slow calls since the first sample")
                .isCloseTo(3, within(1.0));
    }

    private Timer holdAnswer(String outcome) {
        return answer("PLACE", outcome);
    }

    private Timer answer(String command, String outcome) {
        return Timer.builder("onsale.orders.answers")
                .tags("command", command, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    private Timer gateway(String call, String outcome) {
        return Timer.builder("onsale.payments.gateway")
                .tags("call", call, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    private void lag(String app, String client, String partition, double value) {
        Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> value)
                .tags("app", app, "client.id", client, "topic", "hold-requests", "partition", partition)
                .register(meters);
    }
}
