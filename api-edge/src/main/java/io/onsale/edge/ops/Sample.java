package io.onsale.edge.ops;

import java.time.Instant;
import java.util.Map;

/**
 * What the edge's meters said at one instant, already summed to what the dashboard and the alerts read: counters
 * (cumulative since they were created), gauges, and latency histograms. Plain data, so the windowed arithmetic is
 * tested without a meter registry.
 *
 * @param values     counters and gauges by key; a counter absent here has not counted anything yet
 * @param histograms latency histograms (seconds) by key
 */
record Sample(Instant at, Map<Key, Double> values, Map<Key, Histogram> histograms) {

    Sample {
        values = Map.copyOf(values);
        histograms = Map.copyOf(histograms);
    }

    /**
     * One series: a name from {@link Readings} and the one label it is split by (an event, a section, a gateway call,
     * a Streams app), or {@code ""} when it is not split.
     */
    record Key(String name, String label) {

        static Key of(String name) {
            return new Key(name, "");
        }

        static Key of(String name, String label) {
            return new Key(name, label);
        }
    }
}
