package io.onsale.edge.limits;

import java.time.Duration;

/**
 * A token bucket's shape: {@code capacity} requests at once (the burst a person can produce by clicking), then
 * {@code refillPerSecond} sustained.
 */
public record Rate(int capacity, double refillPerSecond) {

    public Rate {
        if (capacity < 1) {
            throw new IllegalArgumentException("a rate's capacity must be at least 1, got " + capacity);
        }
        if (!(refillPerSecond > 0)) {
            throw new IllegalArgumentException("a rate's refill-per-second must be above 0, got " + refillPerSecond);
        }
    }

    long nanosPerToken() {
        return (long) Math.ceil(1_000_000_000d / refillPerSecond);
    }

    /** After this long untouched a bucket is full again, so forgetting it changes no answer. */
    Duration refillTime() {
        return Duration.ofNanos((long) Math.ceil(capacity * 1_000_000_000d / refillPerSecond));
    }

    /** For problem details: "20 at once, then 1 per second". */
    String describe() {
        String sustained = refillPerSecond >= 1
                ? trim(refillPerSecond) + " per second"
                : "1 every " + trim(1 / refillPerSecond) + " seconds";
        return capacity + " at once, then " + sustained;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
