package io.onsale.edge.ops;

import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * The charts of the operations page, the panels of ops/grafana/onsale-dashboard.json computed from this instance's
 * window of meters: each says, at one instant, the value of each of its lines. Rates are over the last 10 s (tickets
 * sold over 15 s: the inventory gauges move every 5 s), latency percentiles and the gateway's error rate over 1 min,
 * the conversion over 5 min, as the Prometheus rules read them.
 */
final class DashboardCharts {

    static final Duration RATE = Duration.ofSeconds(10);
    static final Duration SOLD_RATE = Duration.ofSeconds(15);
    /** A chart split by event or section shows the lines with the highest values, at most this many. */
    static final int MAX_LINES = 8;

    enum Kind {
        /** Values over time. */
        LINE,
        /** A state (a KafkaStreams.State ordinal) over time, drawn as coloured bands. */
        STATE
    }

    /** @param unit how the page labels values: {@code /s}, {@code ms}, {@code %}, or a count's noun */
    record Chart(String id, String title, String unit, Kind kind, Function<SlidingWindow, Map<String, Double>> lines) {}

    private DashboardCharts() {}

    /** The charts read from this instance's own Streams clients: none on an edge that runs no topology. */
    static final Set<String> OWN_STREAMS_CHARTS = Set.of("lag", "states");

    /**
     * The charts of an instance running {@code streamsApps}: every one, less those of its own Streams clients when it
     * runs none ({@code onsale.edge.embedded-engine=false}), which could never draw a point there.
     */
    static List<Chart> forApps(List<String> streamsApps) {
        return streamsApps.isEmpty()
                ? all().stream()
                        .filter(chart -> !OWN_STREAMS_CHARTS.contains(chart.id()))
                        .toList()
                : all();
    }

    static List<Chart> all() {
        return List.of(
                line("arrivals", "Arrivals (joins/s)", "/s", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    put(lines, "joins answered here", window.rate(Key.of(Readings.JOINS, "JOINED"), RATE));
                    lines.putAll(top(
                            window,
                            Readings.QUEUE_LAST_POSITION,
                            "positions ",
                            event -> window.derivative(Key.of(Readings.QUEUE_LAST_POSITION, event), RATE)));
                    return lines;
                }),
                line(
                        "queue-length",
                        "Queue length (buyers waiting)",
                        "buyers",
                        window -> top(
                                window,
                                Readings.QUEUE_WAITING,
                                "",
                                event -> window.latest(Key.of(Readings.QUEUE_WAITING, event)))),
                line("drain-rate", "Drain rate (admitted/s)", "/s", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    lines.putAll(top(
                            window,
                            Readings.QUEUE_ADMIT_RATE,
                            "observed ",
                            event -> window.latest(Key.of(Readings.QUEUE_ADMIT_RATE, event))));
                    lines.putAll(top(
                            window,
                            Readings.QUEUE_SERVING,
                            "serving counter ",
                            event -> window.derivative(Key.of(Readings.QUEUE_SERVING, event), RATE)));
                    return lines;
                }),
                line("shoppers", "Admitted shoppers vs target", "shoppers", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    lines.putAll(top(
                            window,
                            Readings.QUEUE_SHOPPERS,
                            "shoppers ",
                            event -> window.latest(Key.of(Readings.QUEUE_SHOPPERS, event))));
                    lines.putAll(top(
                            window,
                            Readings.QUEUE_TARGET,
                            "target ",
                            event -> window.latest(Key.of(Readings.QUEUE_TARGET, event))));
                    return lines;
                }),
                line("holds", "Holds/s (answered here)", "/s", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    for (String outcome : List.of("HELD", "REJECTED", "PENDING")) {
                        put(lines, outcome, window.rate(Key.of(Readings.HOLDS, outcome), RATE));
                    }
                    return lines;
                }),
                line(
                        "sold-rate",
                        "Tickets sold/s per section",
                        "/s",
                        window -> top(
                                window,
                                Readings.TICKETS_SOLD,
                                "",
                                section -> window.derivative(Key.of(Readings.TICKETS_SOLD, section), SOLD_RATE))),
                line(
                        "tickets-left",
                        "Tickets left per section",
                        "tickets",
                        window -> top(
                                window,
                                Readings.TICKETS_LEFT,
                                "",
                                section -> window.latest(Key.of(Readings.TICKETS_LEFT, section)))),
                line("conversion", "Hold → paid conversion (5 min)", "%", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    OptionalDouble confirmed =
                            window.increase(Key.of(Readings.ORDERS_ENDED, "confirmed"), AlertRules.LONG_WINDOW);
                    OptionalDouble ended = window.increaseOfAll(Readings.ORDERS_ENDED, AlertRules.LONG_WINDOW);
                    if (confirmed.isPresent() && ended.isPresent() && ended.getAsDouble() > 0) {
                        double expired = window.increase(
                                        Key.of(Readings.ORDERS_ENDED, "expired"), AlertRules.LONG_WINDOW)
                                .orElse(0);
                        lines.put("paid", 100 * confirmed.getAsDouble() / ended.getAsDouble());
                        lines.put("expired", 100 * expired / ended.getAsDouble());
                    }
                    return lines;
                }),
                line("payments", "Payments/s by outcome", "/s", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    for (String status : List.of("CAPTURED", "AUTHORIZED", "FAILED", "VOIDED")) {
                        put(lines, status, window.rate(Key.of(Readings.PAYMENTS, status), RATE));
                    }
                    return lines;
                }),
                line("errors", "4xx and 5xx answers/s", "/s", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    put(lines, "4xx", window.rate(Key.of(Readings.ANSWERS, "4xx"), RATE));
                    put(lines, "5xx", window.rate(Key.of(Readings.ANSWERS, "5xx"), RATE));
                    put(lines, "503 shed", window.rateOfAll(Readings.SHED, RATE));
                    return lines;
                }),
                line("hold-latency", "Hold latency (order answered, 1 min)", "ms", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    Key holds = Key.of(Readings.HOLD_LATENCY);
                    putMillis(lines, "p50", window.quantile(holds, 0.5, AlertRules.RATE_WINDOW));
                    putMillis(lines, "p90", window.quantile(holds, 0.9, AlertRules.RATE_WINDOW));
                    putMillis(lines, "p99", window.quantile(holds, 0.99, AlertRules.RATE_WINDOW));
                    return lines;
                }),
                line("payment-latency", "Payment gateway latency (1 min)", "ms", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    for (String call : window.labels(Readings.GATEWAY_LATENCY)) {
                        Key latency = Key.of(Readings.GATEWAY_LATENCY, call);
                        putMillis(lines, call + " p50", window.quantile(latency, 0.5, AlertRules.RATE_WINDOW));
                        putMillis(lines, call + " p99", window.quantile(latency, 0.99, AlertRules.RATE_WINDOW));
                    }
                    return lines;
                }),
                line("gateway-errors", "Payment gateway error rate (1 min)", "%", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    for (String call : window.labels(Readings.GATEWAY_CALLS)) {
                        OptionalDouble all =
                                window.increase(Key.of(Readings.GATEWAY_CALLS, call), AlertRules.RATE_WINDOW);
                        if (all.isPresent() && all.getAsDouble() > 0) {
                            double failed = window.increase(
                                            Key.of(Readings.GATEWAY_FAILURES, call), AlertRules.RATE_WINDOW)
                                    .orElse(0);
                            lines.put(call, 100 * failed / all.getAsDouble());
                        }
                    }
                    return lines;
                }),
                line(
                        "lag",
                        "Consumer lag per Streams app",
                        "records",
                        window -> top(window, Readings.LAG, "", app -> window.latest(Key.of(Readings.LAG, app)))),
                line(
                        "instances",
                        "Instances per Streams app",
                        "instances",
                        window -> top(
                                window,
                                Readings.STREAMS_INSTANCES,
                                "",
                                app -> window.latest(Key.of(Readings.STREAMS_INSTANCES, app)))),
                new Chart(
                        "states",
                        "Streams state (this instance)",
                        "state",
                        Kind.STATE,
                        window -> top(
                                window,
                                Readings.STREAMS_STATE,
                                "",
                                app -> window.latest(Key.of(Readings.STREAMS_STATE, app)))),
                line("dead-letters", "Dead letters (records ever written)", "records", window -> {
                    Map<String, Double> lines = new LinkedHashMap<>();
                    double all = 0;
                    boolean any = false;
                    for (String topic : window.labels(Readings.DEAD_LETTERS)) {
                        OptionalDouble records = window.latest(Key.of(Readings.DEAD_LETTERS, topic));
                        any |= records.isPresent();
                        all += records.orElse(0);
                        if (records.orElse(0) > 0 && lines.size() < MAX_LINES) {
                            lines.put(topic, records.getAsDouble());
                        }
                    }
                    if (any) {
                        lines.put("all dead-letter topics", all);
                    }
                    return lines;
                }));
    }

    private static Chart line(
            String id, String title, String unit, Function<SlidingWindow, Map<String, Double>> lines) {
        return new Chart(id, title, unit, Kind.LINE, lines);
    }

    /** One line per label of {@code name}, the {@link #MAX_LINES} highest first. */
    private static Map<String, Double> top(
            SlidingWindow window, String name, String prefix, Function<String, OptionalDouble> value) {
        Map<String, Double> lines = new LinkedHashMap<>();
        window.labels(name).stream()
                .map(label -> Map.entry(label, value.apply(label)))
                .filter(entry -> entry.getValue().isPresent())
                .sorted(Comparator.comparingDouble((Map.Entry<String, OptionalDouble> entry) ->
                                -entry.getValue().getAsDouble())
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_LINES)
                .forEach(entry ->
                        lines.put(prefix + entry.getKey(), entry.getValue().getAsDouble()));
        return lines;
    }

    private static void put(Map<String, Double> lines, String name, OptionalDouble value) {
        value.ifPresent(present -> lines.put(name, present));
    }

    private static void putMillis(Map<String, Double> lines, String name, OptionalDouble seconds) {
        seconds.ifPresent(present -> lines.put(name, present * 1000));
    }
}
