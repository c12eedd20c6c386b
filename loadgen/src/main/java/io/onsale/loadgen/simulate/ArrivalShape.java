package io.onsale.loadgen.simulate;

import java.util.Locale;
import java.util.Random;

/** When buyers arrive, relative to the sale's opening, after the early ones (who come before it opens). */
enum ArrivalShape {
    /** Most in the first seconds, tailing off: exponential with a mean of a fifth of the window, cut at the window. */
    BURST,
    /** Evenly over the window. */
    UNIFORM,
    /** Everybody at the opening instant, within 100 ms. */
    SPIKE;

    /** Milliseconds after the opening at which one buyer arrives. */
    long offsetMillis(Random random, long windowMillis) {
        switch (this) {
            case UNIFORM:
                return (long) (random.nextDouble() * windowMillis);
            case SPIKE:
                return random.nextInt(100);
            default:
                double mean = windowMillis / 5.0;
                while (true) {
                    long offset = (long) (-mean * Math.log(1 - random.nextDouble()));
                    if (offset < windowMillis) {
                        return offset;
                    }
                }
        }
    }

    static ArrivalShape parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
