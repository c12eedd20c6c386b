package io.onsale.edge.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.onsale.edge.ops.Sample.Key;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the edge's meter registry into a {@link Sample}: one pass over every meter, each one the dashboard or the
 * alerts need summed into its {@link Readings} series (the names of ops/README.md, "The metric names"). Takes about a
 * millisecond for a few thousand meters, so it runs every second.
 */
final class MeterReadings {

    private static final String RESTORE_CONSUMER = "-restore-consumer";

    private final MeterRegistry meters;

    MeterReadings(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param more series measured elsewhere (the Streams groups' instances), added as they are */
    Sample read(Instant at, Map<Key, Double> more) {
        Map<Key, Double> values = new HashMap<>(more);
        Map<Key, Histogram> histograms = new HashMap<>();
        for (Meter meter : meters.getMeters()) {
            Meter.Id id = meter.getId();
            switch (id.getName()) {
                case "onsale.queue.answers" -> {
                    if ("JOIN".equals(id.getTag("command")) && meter instanceof Timer timer) {
                        add(values, Readings.JOINS, joinOutcome(id.getTag("outcome")), timer.count());
                    }
                }
                case "onsale.orders.answers" -> {
                    if ("PLACE".equals(id.getTag("command")) && meter instanceof Timer timer) {
                        HistogramSnapshot snapshot = timer.takeSnapshot();
                        add(values, Readings.HOLDS, prefix(id.getTag("outcome")), snapshot.count());
                        merge(histograms, Key.of(Readings.HOLD_LATENCY), snapshot);
                    }
                }
                case "http.server.requests" -> {
                    if (meter instanceof Timer timer) {
                        add(values, Readings.ANSWERS, statusClass(id.getTag("status")), timer.count());
                    }
                }
                case "onsale.edge.fast.orders", "onsale.edge.fast.joins" ->
                    add(values, Readings.ANSWERS, statusClass(id.getTag("status")), count(meter));
                case "onsale.edge.fast.reads" -> add(values, Readings.ANSWERS, "2xx", count(meter));
                case "onsale.edge.shed" -> add(values, Readings.SHED, label(id.getTag("route")), count(meter));
                case "onsale.payments.gateway" -> {
                    if (meter instanceof Timer timer) {
                        String call = label(id.getTag("call"));
                        HistogramSnapshot snapshot = timer.takeSnapshot();
                        add(values, Readings.GATEWAY_CALLS, call, snapshot.count());
                        if (!"ok".equals(id.getTag("outcome"))) {
                            add(values, Readings.GATEWAY_FAILURES, call, snapshot.count());
                        }
                        merge(histograms, Key.of(Readings.GATEWAY_LATENCY, call), snapshot);
                    }
                }
                case "onsale.payments" -> add(values, Readings.PAYMENTS, label(id.getTag("status")), count(meter));
                case "kafka.stream.onsale.orders.confirmed.total" ->
                    add(values, Readings.ORDERS_ENDED, "confirmed", count(meter));
                case "kafka.stream.onsale.orders.expired.total" ->
                    add(values, Readings.ORDERS_ENDED, "expired", count(meter));
                case "kafka.stream.onsale.orders.cancelled.total" ->
                    add(values, Readings.ORDERS_ENDED, "cancelled", count(meter));
                case "onsale.queue.waiting" -> gauge(values, Readings.QUEUE_WAITING, id.getTag("event"), meter);
                case "onsale.queue.active.shoppers" ->
                    gauge(values, Readings.QUEUE_SHOPPERS, id.getTag("event"), meter);
                case "onsale.queue.target.active.shoppers" ->
                    gauge(values, Readings.QUEUE_TARGET, id.getTag("event"), meter);
                case "onsale.queue.admit.rate" -> gauge(values, Readings.QUEUE_ADMIT_RATE, id.getTag("event"), meter);
                case "onsale.queue.serving.counter" -> gauge(values, Readings.QUEUE_SERVING, id.getTag("event"), meter);
                case "onsale.queue.last.position" ->
                    gauge(values, Readings.QUEUE_LAST_POSITION, id.getTag("event"), meter);
                case "onsale.queue.mode" -> {
                    if ("QUEUING".equals(id.getTag("mode"))) {
                        gauge(values, Readings.QUEUE_QUEUING, id.getTag("event"), meter);
                    }
                }
                case "onsale.inventory.available" -> gauge(values, Readings.TICKETS_LEFT, section(id), meter);
                case "onsale.inventory.sold" -> gauge(values, Readings.TICKETS_SOLD, section(id), meter);
                case "onsale.dlq.records" -> gauge(values, Readings.DEAD_LETTERS, id.getTag("topic"), meter);
                case "kafka.stream.client.state" -> gauge(values, Readings.STREAMS_STATE, id.getTag("app"), meter);
                case "kafka.consumer.fetch.manager.records.lag" -> {
                    String client = id.getTag("client.id");
                    double lag = value(meter);
                    // Restore consumers replay changelogs, not input; a partition not fetched yet reports NaN.
                    if (id.getTag("app") != null
                            && (client == null || !client.endsWith(RESTORE_CONSUMER))
                            && lag >= 0) {
                        add(values, Readings.LAG, id.getTag("app"), lag);
                    }
                }
                default -> {}
            }
        }
        return new Sample(at, values, histograms);
    }

    /** JOINED, DUPLICATE, REJECTED or PENDING, from the queue gateway's outcome tag (JOINED:DUPLICATE, REJECTED:…). */
    static String joinOutcome(String outcome) {
        if (outcome == null) {
            return "UNKNOWN";
        }
        if (outcome.equals("JOINED:DUPLICATE")) {
            return "DUPLICATE";
        }
        return prefix(outcome);
    }

    /** An outcome up to its reason: REJECTED:SEAT_TAKEN is REJECTED. */
    static String prefix(String outcome) {
        if (outcome == null) {
            return "UNKNOWN";
        }
        int colon = outcome.indexOf(':');
        return colon < 0 ? outcome : outcome.substring(0, colon);
    }

    /** 2xx … 5xx; a status tag that is no HTTP status (CLIENT_ERROR, UNKNOWN) counts as what it says. */
    static String statusClass(String status) {
        if (status == null || status.length() != 3 || !Character.isDigit(status.charAt(0))) {
            return status != null && status.startsWith("CLIENT") ? "4xx" : "other";
        }
        return status.charAt(0) + "xx";
    }

    private static String section(Meter.Id id) {
        return id.getTag("event") + "/" + id.getTag("section");
    }

    private static String label(String tag) {
        return tag == null ? "" : tag;
    }

    private static void add(Map<Key, Double> values, String name, String label, double value) {
        if (!Double.isNaN(value)) {
            values.merge(Key.of(name, label), value, Double::sum);
        }
    }

    private static void gauge(Map<Key, Double> values, String name, String label, Meter meter) {
        double value = value(meter);
        if (label != null && !Double.isNaN(value)) {
            values.merge(Key.of(name, label), value, Double::sum);
        }
    }

    private static double count(Meter meter) {
        if (meter instanceof Counter counter) {
            return counter.count();
        }
        if (meter instanceof FunctionCounter counter) {
            return counter.count();
        }
        return Double.NaN;
    }

    private static double value(Meter meter) {
        return meter instanceof Gauge gauge ? gauge.value() : Double.NaN;
    }

    /** Adds a timer's buckets (cumulative, as the Prometheus registry keeps them) to the histogram under {@code key}. */
    private static void merge(Map<Key, Histogram> histograms, Key key, HistogramSnapshot snapshot) {
        CountAtBucket[] buckets = snapshot.histogramCounts();
        double[] bounds = new double[buckets.length];
        double[] counts = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
            counts[i] = buckets[i].count();
        }
        Histogram histogram = new Histogram(bounds, counts, snapshot.count());
        histograms.merge(key, histogram, Histogram::plus);
    }
}
