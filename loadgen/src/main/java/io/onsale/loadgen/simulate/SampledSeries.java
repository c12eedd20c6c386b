package io.onsale.loadgen.simulate;

import java.util.Arrays;

/**
 * A gauge read once a second after the opening, one value per whole second. Unlike the counted timelines a zero here
 * is a reading (an empty room), so the series runs to the last sample, not to the last non-zero second.
 */
final class SampledSeries {

    private final long[] values;
    private int filled;
    private long last;

    SampledSeries(int seconds) {
        values = new long[seconds];
    }

    /** Readings before the opening are not kept: the series starts at it. */
    synchronized void sample(long nanosAfterOpening, long value) {
        if (nanosAfterOpening < 0) {
            return;
        }
        // The timer fires at each whole second, a little late, so the nearest second is the one it was meant for.
        int second = (int) Math.min(values.length - 1, Math.round(nanosAfterOpening / 1e9));
        if (second < filled - 1) {
            return;
        }
        // A busy timer can skip a second; it keeps the reading before it rather than a zero nobody saw.
        while (filled < second) {
            values[filled++] = last;
        }
        values[second] = value;
        filled = second + 1;
        last = value;
    }

    synchronized long[] values() {
        return Arrays.copyOf(values, filled);
    }
}
