package io.onsale.edge.ops;

import io.onsale.edge.ops.DashboardCharts.Chart;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The charts' values at each of the last {@code frames} samples, so a page opened now shows the last minutes at once
 * and every page shows the same figures. Not thread-safe: the sampler records and builds the views it publishes.
 */
final class DashboardHistory {

    private final List<Chart> charts;
    private final int frames;
    private final ArrayDeque<Frame> history = new ArrayDeque<>();

    private record Frame(Instant at, Map<String, Map<String, Double>> lines) {}

    /** One chart as the page draws it: every line's values, one per time of {@link #times()}, {@code null} where it had none. */
    record ChartSeries(String id, String title, String unit, String kind, List<Line> lines) {}

    record Line(String name, List<Double> values) {}

    DashboardHistory(List<Chart> charts, int frames) {
        this.charts = List.copyOf(charts);
        this.frames = frames;
    }

    /** Computes every chart at the window's latest sample. */
    void record(SlidingWindow window) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (Chart chart : charts) {
            values.put(
                    chart.id(),
                    Collections.unmodifiableMap(
                            new LinkedHashMap<>(chart.lines().apply(window))));
        }
        history.addLast(new Frame(window.now(), values));
        while (history.size() > frames) {
            history.removeFirst();
        }
    }

    /** The frames' times (epoch milliseconds), oldest first. */
    List<Long> times() {
        return history.stream().map(frame -> frame.at().toEpochMilli()).toList();
    }

    List<ChartSeries> series() {
        List<ChartSeries> series = new ArrayList<>();
        for (Chart chart : charts) {
            Set<String> names = new LinkedHashSet<>();
            history.forEach(frame -> names.addAll(frame.lines().get(chart.id()).keySet()));
            List<Line> lines = new ArrayList<>();
            for (String name : names) {
                List<Double> values = new ArrayList<>(history.size());
                history.forEach(frame ->
                        values.add(rounded(frame.lines().get(chart.id()).get(name))));
                lines.add(new Line(name, values));
            }
            series.add(new ChartSeries(
                    chart.id(), chart.title(), chart.unit(), chart.kind().name().toLowerCase(Locale.ROOT), lines));
        }
        return series;
    }

    /** Three decimals are more than a chart can show, and keep the page's JSON small. */
    private static Double rounded(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return Math.round(value * 1000) / 1000.0;
    }
}
