package io.onsale.edge.ops;

import io.onsale.edge.ops.AlertRule.Severity;
import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The anomalies of ops/prometheus/alerts.yml, measured over this instance's sliding window of meters: the same names,
 * windows and default thresholds, so an operator reads one set of alerts whether Prometheus runs or not. What only a
 * scraper can see (an instance that does not answer: {@code EdgeInstanceDown}, {@code StreamsInstanceDown}) is not
 * here; a Streams client that is closed shows as not RUNNING ({@code StreamsAppMissing} folds into
 * {@code StreamsAppNotRunning}). Only the clients this instance runs are watched: an edge without the embedded engine
 * runs none, and the engine's and the room's own processes are Prometheus' to watch (ops/README.md).
 */
final class AlertRules {

    /** Windows the Prometheus rules use: rates over 1 min, the stuck queue and growing lag over 2, expiries over 5. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    static final Duration TREND_WINDOW = Duration.ofMinutes(2);
    static final Duration LONG_WINDOW = Duration.ofMinutes(5);

    /**
     * What fires when; defaults in application.yaml ({@code onsale.alerts.*}), as in alerts.yml.
     *
     * @param apps the Streams apps this instance must run (reservations, waiting-room; none on an edge without the
     *             embedded engine): one missing is not RUNNING
     */
    record Thresholds(
            Duration gatewayP99,
            double gatewayErrorRatio,
            Duration gatewayFor,
            double serverErrorRatio,
            Duration serverErrorsFor,
            Duration queueNotDrainingFor,
            long lagRecords,
            Duration lagFor,
            Duration notRunningFor,
            double holdExpiryRatio,
            double holdExpiryRate,
            Duration holdExpiryFor,
            List<String> apps) {
        Thresholds {
            apps = List.copyOf(apps);
        }
    }

    private final Thresholds thresholds;
    private final AlertRule gatewaySlow;
    private final AlertRule gatewayErrors;
    private final AlertRule serverErrors;
    private final AlertRule queueNotDraining;
    private final AlertRule lagGrowing;
    private final AlertRule notRunning;
    private final AlertRule holdExpiry;
    private final AlertRule deadLetters;

    AlertRules(Thresholds thresholds) {
        this.thresholds = thresholds;
        this.gatewaySlow = new AlertRule("PaymentGatewaySlow", Severity.PAGE, thresholds.gatewayFor());
        this.gatewayErrors = new AlertRule("PaymentGatewayErrors", Severity.PAGE, thresholds.gatewayFor());
        this.serverErrors = new AlertRule("EdgeServerErrors", Severity.PAGE, thresholds.serverErrorsFor());
        this.queueNotDraining = new AlertRule("QueueNotDraining", Severity.PAGE, thresholds.queueNotDrainingFor());
        this.lagGrowing = new AlertRule("StreamsConsumerLagGrowing", Severity.PAGE, thresholds.lagFor());
        this.notRunning = new AlertRule("StreamsAppNotRunning", Severity.PAGE, thresholds.notRunningFor());
        this.holdExpiry = new AlertRule("HoldExpiryRatioHigh", Severity.WARN, thresholds.holdExpiryFor());
        this.deadLetters = new AlertRule("DeadLettersAppearing", Severity.WARN, Duration.ZERO);
    }

    /** Every condition measurable now, holding or not (a condition that cannot be measured is left out). */
    List<AlertCondition> evaluate(SlidingWindow window) {
        List<AlertCondition> conditions = new ArrayList<>();
        gateway(window, conditions);
        serverErrors(window, conditions);
        queues(window, conditions);
        streams(window, conditions);
        holdExpiry(window, conditions);
        deadLetters(window, conditions);
        return conditions;
    }

    private void gateway(SlidingWindow window, List<AlertCondition> out) {
        Set<String> calls = new TreeSet<>(window.labels(Readings.GATEWAY_CALLS));
        calls.addAll(window.labels(Readings.GATEWAY_LATENCY));
        double limit = seconds(thresholds.gatewayP99());
        for (String call : calls) {
            Map<String, String> labels = Map.of("call", call);
            OptionalDouble p99 = window.quantile(Key.of(Readings.GATEWAY_LATENCY, call), 0.99, RATE_WINDOW);
            if (p99.isPresent()) {
                out.add(new AlertCondition(
                        gatewaySlow,
                        labels,
                        p99.getAsDouble() > limit,
                        p99.getAsDouble(),
                        limit,
                        String.format(
                                Locale.ROOT,
                                "Payment gateway %s p99 is %.2f s (above %.2f s for %s)",
                                call,
                                p99.getAsDouble(),
                                limit,
                                human(thresholds.gatewayFor()))));
            }
            OptionalDouble all = window.increase(Key.of(Readings.GATEWAY_CALLS, call), RATE_WINDOW);
            OptionalDouble failed = window.increase(Key.of(Readings.GATEWAY_FAILURES, call), RATE_WINDOW);
            if (all.isPresent() && all.getAsDouble() > 0) {
                double ratio = failed.orElse(0) / all.getAsDouble();
                out.add(new AlertCondition(
                        gatewayErrors,
                        labels,
                        ratio > thresholds.gatewayErrorRatio(),
                        ratio,
                        thresholds.gatewayErrorRatio(),
                        String.format(
                                Locale.ROOT,
                                "Payment gateway %s fails %.1f%% of calls (above %.1f%% for %s)",
                                call,
                                ratio * 100,
                                thresholds.gatewayErrorRatio() * 100,
                                human(thresholds.gatewayFor()))));
            }
        }
    }

    private void serverErrors(SlidingWindow window, List<AlertCondition> out) {
        OptionalDouble all = window.increaseOfAll(Readings.ANSWERS, RATE_WINDOW);
        if (all.isEmpty() || all.getAsDouble() <= 0) {
            return;
        }
        double ratio =
                window.increase(Key.of(Readings.ANSWERS, "5xx"), RATE_WINDOW).orElse(0) / all.getAsDouble();
        out.add(new AlertCondition(
                serverErrors,
                Map.of(),
                ratio > thresholds.serverErrorRatio(),
                ratio,
                thresholds.serverErrorRatio(),
                String.format(
                        Locale.ROOT,
                        "%.1f%% of the edge's answers are 5xx (above %.1f%% for %s)",
                        ratio * 100,
                        thresholds.serverErrorRatio() * 100,
                        human(thresholds.serverErrorsFor()))));
    }

    /** A QUEUING room with buyers waiting and fewer shoppers than its target whose serving counter has not moved for 2 min. */
    private void queues(SlidingWindow window, List<AlertCondition> out) {
        if (!window.spans(TREND_WINDOW)) {
            return;
        }
        for (String event : window.labels(Readings.QUEUE_WAITING)) {
            OptionalDouble waiting = window.latest(Key.of(Readings.QUEUE_WAITING, event));
            OptionalDouble queuing = window.latest(Key.of(Readings.QUEUE_QUEUING, event));
            OptionalDouble shoppers = window.latest(Key.of(Readings.QUEUE_SHOPPERS, event));
            OptionalDouble target = window.latest(Key.of(Readings.QUEUE_TARGET, event));
            OptionalDouble moved = window.change(Key.of(Readings.QUEUE_SERVING, event), TREND_WINDOW);
            if (waiting.isEmpty() || queuing.isEmpty() || shoppers.isEmpty() || target.isEmpty() || moved.isEmpty()) {
                continue;
            }
            boolean stuck = waiting.getAsDouble() > 0
                    && queuing.getAsDouble() == 1
                    && shoppers.getAsDouble() < target.getAsDouble()
                    && moved.getAsDouble() <= 0;
            out.add(new AlertCondition(
                    queueNotDraining,
                    Map.of("event", event),
                    stuck,
                    waiting.getAsDouble(),
                    0,
                    String.format(
                            Locale.ROOT,
                            "Waiting room of %s is not admitting anyone though shoppers are below "
                                    + "target (%.0f waiting, %.0f of %.0f shoppers, serving counter still for 2 min)",
                            event,
                            waiting.getAsDouble(),
                            shoppers.getAsDouble(),
                            target.getAsDouble())));
        }
    }

    private void streams(SlidingWindow window, List<AlertCondition> out) {
        for (String app : window.labels(Readings.LAG)) {
            OptionalDouble lag = window.latest(Key.of(Readings.LAG, app));
            OptionalDouble grew = window.change(Key.of(Readings.LAG, app), TREND_WINDOW);
            if (lag.isEmpty() || grew.isEmpty() || !window.spans(TREND_WINDOW)) {
                continue;
            }
            boolean growing = lag.getAsDouble() > thresholds.lagRecords() && grew.getAsDouble() > 0;
            out.add(new AlertCondition(
                    lagGrowing,
                    Map.of("app", app),
                    growing,
                    lag.getAsDouble(),
                    thresholds.lagRecords(),
                    String.format(
                            Locale.ROOT,
                            "%s is %.0f records behind (above %d), and %.0f more than 2 min ago",
                            app,
                            lag.getAsDouble(),
                            thresholds.lagRecords(),
                            grew.getAsDouble())));
        }
        for (String app : thresholds.apps()) {
            OptionalDouble state = window.latest(Key.of(Readings.STREAMS_STATE, app));
            double ordinal = state.orElse(-1);
            boolean down = ordinal != Readings.RUNNING;
            out.add(new AlertCondition(
                    notRunning,
                    Map.of("app", app),
                    down,
                    ordinal,
                    Readings.RUNNING,
                    String.format(Locale.ROOT, "%s on this instance is %s, not RUNNING", app, stateName(ordinal))));
        }
    }

    private void holdExpiry(SlidingWindow window, List<AlertCondition> out) {
        OptionalDouble expired = window.rate(Key.of(Readings.ORDERS_ENDED, "expired"), LONG_WINDOW);
        OptionalDouble confirmed = window.rate(Key.of(Readings.ORDERS_ENDED, "confirmed"), LONG_WINDOW);
        if (expired.isEmpty() || expired.getAsDouble() + confirmed.orElse(0) <= 0) {
            return;
        }
        double ratio = expired.getAsDouble() / (expired.getAsDouble() + confirmed.orElse(0));
        boolean high = ratio > thresholds.holdExpiryRatio() && expired.getAsDouble() >= thresholds.holdExpiryRate();
        out.add(new AlertCondition(
                holdExpiry,
                Map.of(),
                high,
                ratio,
                thresholds.holdExpiryRatio(),
                String.format(
                        Locale.ROOT,
                        "%.0f%% of finished orders expired instead of being paid over 5 min (%.2f expiries/s)",
                        ratio * 100,
                        expired.getAsDouble())));
    }

    private void deadLetters(SlidingWindow window, List<AlertCondition> out) {
        for (String topic : window.labels(Readings.DEAD_LETTERS)) {
            OptionalDouble grew = window.change(Key.of(Readings.DEAD_LETTERS, topic), LONG_WINDOW);
            if (grew.isPresent()) {
                out.add(new AlertCondition(
                        deadLetters,
                        Map.of("topic", topic),
                        grew.getAsDouble() > 0,
                        grew.getAsDouble(),
                        0,
                        String.format(
                                Locale.ROOT, "%.0f new records in %s in the last 5 min", grew.getAsDouble(), topic)));
            }
        }
    }

    static String stateName(double ordinal) {
        int index = (int) ordinal;
        return index >= 0 && index < Readings.STREAMS_STATES.length && index == ordinal
                ? Readings.STREAMS_STATES[index]
                : "missing";
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String human(Duration duration) {
        return duration.toSeconds() % 60 == 0 && duration.toSeconds() > 0
                ? duration.toMinutes() + " min"
                : duration.toSeconds() + " s";
    }
}
