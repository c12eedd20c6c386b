package io.onsale.edge.ops;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A latency histogram as Prometheus keeps one: ascending upper bounds (seconds) and, for each, the observations at
 * or below it since the meter was created; {@code count} counts every observation, those above the last bound too.
 * The difference of two such histograms is the histogram of what was observed in between, and its quantile is
 * estimated the way {@code histogram_quantile} does, so the dashboard and the Prometheus rules agree.
 */
record Histogram(double[] upperBounds, double[] cumulativeCounts, double count) {

    static final Histogram EMPTY = new Histogram(new double[0], new double[0], 0);

    Histogram {
        if (upperBounds.length != cumulativeCounts.length) {
            throw new IllegalArgumentException(
                    "one count per bound: " + upperBounds.length + " bounds, " + cumulativeCounts.length + " counts");
        }
        upperBounds = upperBounds.clone();
        cumulativeCounts = cumulativeCounts.clone();
    }

    /**
     * What was observed after {@code earlier} (the same meter, sampled before). Without an earlier histogram, or when
     * the meter was created again since (its count went down, or its bounds changed), everything it holds is new.
     */
    Histogram since(Histogram earlier) {
        if (earlier == null || earlier.count > count || !Arrays.equals(earlier.upperBounds, upperBounds)) {
            return this;
        }
        double[] counts = new double[cumulativeCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(0, cumulativeCounts[i] - earlier.cumulativeCounts[i]);
        }
        return new Histogram(upperBounds, counts, count - earlier.count);
    }

    /** The sum of two histograms with the same bounds (the same timer split by outcome). */
    Histogram plus(Histogram other) {
        if (other.upperBounds.length == 0 && other.count == 0) {
            return this;
        }
        if (upperBounds.length == 0 && count == 0) {
            return other;
        }
        if (!Arrays.equals(upperBounds, other.upperBounds)) {
            throw new IllegalArgumentException("histograms with different bounds cannot be added");
        }
        double[] counts = new double[cumulativeCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulativeCounts[i] + other.cumulativeCounts[i];
        }
        return new Histogram(upperBounds, counts, count + other.count);
    }

    /**
     * The {@code q}-quantile (0 … 1), interpolated linearly inside the bucket that holds it (from the previous bound,
     * or 0); empty without observations. One above the last bound is reported as the last bound, as Prometheus does.
     */
    OptionalDouble quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile is between 0 and 1: " + q);
        }
        if (count <= 0 || upperBounds.length == 0) {
            return OptionalDouble.empty();
        }
        double rank = q * count;
        double lowerBound = 0;
        double below = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            double atOrBelow = cumulativeCounts[i];
            if (atOrBelow >= rank && atOrBelow > below) {
                double share = (rank - below) / (atOrBelow - below);
                return OptionalDouble.of(lowerBound + (upperBounds[i] - lowerBound) * share);
            }
            lowerBound = upperBounds[i];
            below = atOrBelow;
        }
        return OptionalDouble.of(upperBounds[upperBounds.length - 1]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that
                && count == that.count
                && Arrays.equals(upperBounds, that.upperBounds)
                && Arrays.equals(cumulativeCounts, that.cumulativeCounts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(cumulativeCounts);
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(upperBounds) + Arrays.toString(cumulativeCounts) + " count " + count;
    }
}
