package io.onsale.loadgen.race;

import java.util.Arrays;
import java.util.Locale;

/**
 * Min, p50, p90 and max of a few dozen latencies. Nearest-rank on a sorted copy is exact and enough at this size;
 * the simulator's HdrHistogram report is for the large runs.
 */
record LatencySummary(int count, long minNanos, long p50Nanos, long p90Nanos, long maxNanos) {

    static LatencySummary of(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(
                sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 90), sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value with at least p percent of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    String describe() {
        if (count == 0) {
            return "no answers";
        }
        return String.format(
                Locale.ROOT,
                "min %s  p50 %s  p90 %s  max %s ms  (%d answers)",
                millis(minNanos),
                millis(p50Nanos),
                millis(p90Nanos),
                millis(maxNanos),
                count);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }
}
