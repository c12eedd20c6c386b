package io.onsale.loadgen.plot;

import java.util.Locale;

/** Axis ticks at round steps (1, 2 or 5 times a power of ten), so tick values read easily. */
record Ticks(double step, double max) {

    /** Ticks from 0 covering {@code upTo} with about {@code wanted} steps; max is the axis end, a whole step. */
    static Ticks covering(double upTo, int wanted) {
        double span = Math.max(1, upTo);
        double raw = span / Math.max(1, wanted);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
        // Counts and seconds are whole: a step below one would label the same integer twice.
        step = Math.max(1, step);
        return new Ticks(step, Math.ceil(span / step) * step);
    }

    int count() {
        return (int) Math.round(max / step);
    }

    static String label(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.valueOf(value);
    }
}
