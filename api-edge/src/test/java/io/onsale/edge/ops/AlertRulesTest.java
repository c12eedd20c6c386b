package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of ops/prometheus/alerts.yml over the window: what each condition measures and when it holds. */
class AlertRulesTest {

    private static final Instant START = Instant.parse("2030-05-01T19:00:00Z");
    private static final double[] BOUNDS = {0.1, 0.5, 1, 2, 5, 10};
    private static final AlertRules RULES = new AlertRules(new AlertRules.Thresholds(
            Duration.ofSeconds(2),
            0.05,
            Duration.ofSeconds(30),
            0.05,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            1000,
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            0.5,
            0.2,
            Duration.ofMinutes(1),
            OpsWiring.streamsApps(true)));
    /** An edge started with onsale.edge.embedded-engine=false: the engine and the room are other processes. */
    private static final AlertRules WITHOUT_EMBEDDED_ENGINE = new AlertRules(new AlertRules.Thresholds(
            Duration.ofSeconds(2),
            0.05,
            Duration.ofSeconds(30),
            0.05,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            1000,
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            0.5,
            0.2,
            Duration.ofMinutes(1),
            OpsWiring.streamsApps(false)));

    private final SlidingWindow window = new SlidingWindow(Duration.ofMinutes(5));

    @Test
    void aGatewayWhoseP99IsAboveTheThresholdHoldsAndOneBelowDoesNot() {
        window.add(at(
                0,
                Map.of(),
                Map.of(
                        Key.of(Readings.GATEWAY_LATENCY, "authorize"),
                        histogram(0, 0, 0, 0, 0, 0),
                        Key.of(Readings.GATEWAY_LATENCY, "capture"),
                        histogram(0, 0, 0, 0, 0, 0))));
        // authorize: 100 calls, 5 of them 3 s; capture: 100 calls of under 0.1 s.
        window.add(at(
                30,
                Map.of(
                        Key.of(Readings.GATEWAY_CALLS, "authorize"),
                        100.0,
                        Key.of(Readings.GATEWAY_CALLS, "capture"),
                        100.0),
                Map.of(
                        Key.of(Readings.GATEWAY_LATENCY, "authorize"),
                        histogram(0, 95, 95, 95, 100, 100),
                        Key.of(Readings.GATEWAY_LATENCY, "capture"),
                        histogram(100, 100, 100, 100, 100, 100))));

        Map<String, AlertCondition> slow = byLabel(RULES.evaluate(window), "PaymentGatewaySlow", "call");

        assertThat(slow.get("authorize").holds()).isTrue();
        assertThat(slow.get("authorize").value()).isBetween(2.0, 5.0);
        assertThat(slow.get("authorize").summary()).contains("authorize", "above 2.00 s for 30 s");
        assertThat(slow.get("capture").holds()).isFalse();
    }

    @Test
    void gatewayErrorsAreFailedCallsOverAllCallsInTheLastMinute() {
        window.add(at(
                0,
                Map.of(
                        Key.of(Readings.GATEWAY_CALLS, "authorize"),
                        1000.0,
                        Key.of(Readings.GATEWAY_FAILURES, "authorize"),
                        900.0),
                Map.of()));
        window.add(at(
                60,
                Map.of(
                        Key.of(Readings.GATEWAY_CALLS, "authorize"),
                        1100.0,
                        Key.of(Readings.GATEWAY_FAILURES, "authorize"),
                        904.0),
                Map.of()));

        AlertCondition errors =
                byLabel(RULES.evaluate(window), "PaymentGatewayErrors", "call").get("authorize");

        assertThat(errors.value())
                .as("4 of the last minute's 100, not 904 of 1100")
                .isEqualTo(0.04);
        assertThat(errors.holds()).isFalse();
    }

    @Test
    void serverErrorsAreThe5xxShareOfEveryAnswer() {
        window.add(at(0, Map.of(), Map.of()));
        window.add(
                at(10, Map.of(Key.of(Readings.ANSWERS, "2xx"), 90.0, Key.of(Readings.ANSWERS, "5xx"), 10.0), Map.of()));

        AlertCondition errors = only(RULES.evaluate(window), "EdgeServerErrors");

        assertThat(errors.value()).isEqualTo(0.1);
        assertThat(errors.holds()).isTrue();
    }

    @Test
    void aQueuingRoomBelowItsTargetWhoseCounterStoodStillForTwoMinutesIsNotDraining() {
        for (int second = 0; second <= 120; second += 10) {
            window.add(at(
                    second,
                    room("stuck", 500, 1, 10, 800, 42)
                            .andThen(room("flowing", 500, 1, 10, 800, second))
                            .andThen(room("paused", 500, 0, 10, 800, 7))
                            .values(),
                    Map.of()));
        }

        Map<String, AlertCondition> rooms = byLabel(RULES.evaluate(window), "QueueNotDraining", "event");

        assertThat(rooms.get("stuck").holds()).isTrue();
        assertThat(rooms.get("flowing").holds()).isFalse();
        assertThat(rooms.get("paused").holds())
                .as("a paused room holds its buyers on purpose")
                .isFalse();
    }

    @Test
    void aStreamsAppNotRunningOrMissingHolds() {
        window.add(at(0, Map.of(Key.of(Readings.STREAMS_STATE, "reservations"), 2.0), Map.of()));

        Map<String, AlertCondition> apps = byLabel(RULES.evaluate(window), "StreamsAppNotRunning", "app");

        assertThat(apps.get("reservations").holds()).isFalse();
        assertThat(apps.get("waiting-room").holds()).isTrue();
        assertThat(apps.get("waiting-room").summary()).contains("missing");
    }

    @Test
    void anEdgeWithoutTheEmbeddedEngineHasNoStreamsClientToFindNotRunning() {
        // What such an edge's meters hold: answers, rooms and dead letters, no kafka.stream.* at all, for minutes.
        for (int second = 0; second <= 300; second += 10) {
            window.add(at(
                    second,
                    Map.of(
                            Key.of(Readings.ANSWERS, "2xx"),
                            100.0 * second,
                            Key.of(Readings.STREAMS_INSTANCES, "reservations"),
                            2.0,
                            Key.of(Readings.STREAMS_INSTANCES, "waiting-room"),
                            1.0,
                            Key.of(Readings.DEAD_LETTERS, "order-requests-dlq"),
                            0.0),
                    Map.of()));
        }

        List<AlertCondition> conditions = WITHOUT_EMBEDDED_ENGINE.evaluate(window);

        assertThat(conditions)
                .extracting(condition -> condition.rule().name())
                .doesNotContain("StreamsAppNotRunning", "StreamsConsumerLagGrowing")
                .contains("EdgeServerErrors", "DeadLettersAppearing");
        assertThat(conditions).noneMatch(AlertCondition::holds);
        assertThat(byLabel(RULES.evaluate(window), "StreamsAppNotRunning", "app")
                        .values())
                .as("the same meters on an edge that embeds both apps: both missing")
                .hasSize(2)
                .allMatch(AlertCondition::holds);
    }

    @Test
    void holdsExpiringInsteadOfBeingPaidAboveTheRatioAndTheRateHold() {
        window.add(at(0, Map.of(), Map.of()));
        window.add(at(
                300,
                Map.of(
                        Key.of(Readings.ORDERS_ENDED, "expired"),
                        90.0,
                        Key.of(Readings.ORDERS_ENDED, "confirmed"),
                        30.0),
                Map.of()));

        AlertCondition expiry = only(RULES.evaluate(window), "HoldExpiryRatioHigh");

        assertThat(expiry.value()).isCloseTo(0.75, within(1e-9));
        assertThat(expiry.holds()).as("0.3 expiries/s, 75%").isTrue();
    }

    @Test
    void deadLettersThatGrewInTheLastFiveMinutesHold() {
        window.add(at(
                0,
                Map.of(
                        Key.of(Readings.DEAD_LETTERS, "event-config-dlq"),
                        3.0,
                        Key.of(Readings.DEAD_LETTERS, "order-requests-dlq"),
                        0.0),
                Map.of()));
        window.add(at(
                60,
                Map.of(
                        Key.of(Readings.DEAD_LETTERS, "event-config-dlq"),
                        4.0,
                        Key.of(Readings.DEAD_LETTERS, "order-requests-dlq"),
                        0.0),
                Map.of()));

        Map<String, AlertCondition> topics = byLabel(RULES.evaluate(window), "DeadLettersAppearing", "topic");

        assertThat(topics.get("event-config-dlq").holds()).isTrue();
        assertThat(topics.get("order-requests-dlq").holds()).isFalse();
    }

    /** The gauges of one waiting room, chained. */
    private record Room(Map<Key, Double> values) {
        Room andThen(Room other) {
            Map<Key, Double> all = new HashMap<>(values);
            all.putAll(other.values);
            return new Room(all);
        }
    }

    private static Room room(
            String event, double waiting, double queuing, double shoppers, double target, double serving) {
        return new Room(Map.of(
                Key.of(Readings.QUEUE_WAITING, event),
                waiting,
                Key.of(Readings.QUEUE_QUEUING, event),
                queuing,
                Key.of(Readings.QUEUE_SHOPPERS, event),
                shoppers,
                Key.of(Readings.QUEUE_TARGET, event),
                target,
                Key.of(Readings.QUEUE_SERVING, event),
                serving));
    }

    private static Sample at(int second, Map<Key, Double> values, Map<Key, Histogram> histograms) {
        return new Sample(START.plusSeconds(second), values, histograms);
    }

    private static Histogram histogram(double... cumulative) {
        return new Histogram(BOUNDS, cumulative, cumulative[cumulative.length - 1]);
    }

    private static Map<String, AlertCondition> byLabel(List<AlertCondition> conditions, String rule, String label) {
        Map<String, AlertCondition> byLabel = new HashMap<>();
        conditions.stream()
                .filter(condition -> condition.rule().name().equals(rule))
                .forEach(condition -> byLabel.put(condition.labels().get(label), condition));
        return byLabel;
    }

    private static AlertCondition only(List<AlertCondition> conditions, String rule) {
        return conditions.stream()
                .filter(condition -> condition.rule().name().equals(rule))
                .findFirst()
                .orElseThrow();
    }
}
