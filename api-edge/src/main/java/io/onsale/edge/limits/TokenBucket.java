package io.onsale.edge.limits;

/**
 * One client's bucket (plain Java, not thread-safe: {@link Buckets} guards it). Time is an input, in
 * {@link System#nanoTime()} units, so tests name their instants.
 */
final class TokenBucket {

    private final Rate rate;
    private double tokens;
    private long updatedAt;

    TokenBucket(Rate rate, long now) {
        this.rate = rate;
        this.tokens = rate.capacity();
        this.updatedAt = now;
    }

    /** @return 0 when a token was taken, else the nanoseconds until one will be there (nothing taken) */
    long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * rate.nanosPerToken());
    }

    boolean fullAt(long now) {
        return now - updatedAt >= rate.refillTime().toNanos() || tokens >= rate.capacity();
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(rate.capacity(), tokens + elapsed * rate.refillPerSecond() / 1_000_000_000d);
            updatedAt = now;
        }
    }
}
