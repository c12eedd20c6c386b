package io.onsale.edge.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The buckets of one limit, keyed by client (buyer id or client address), in bounded memory: at most
 * {@code maxBuckets}, least recently used first out. A bucket left alone long enough to be full again is dropped
 * as the map is touched: a full bucket and no bucket give the same answer, so idle clients cost nothing. Only past
 * {@code maxBuckets} live clients would a partly used bucket be forgotten (that client starts full again).
 *
 * <p>Striped by key so that concurrent buyers rarely wait on one lock; each stripe holds its share of the bound.
 */
final class Buckets {

    private static final int STRIPES = 16;

    private final Rate rate;
    private final Stripe[] stripes = new Stripe[STRIPES];

    Buckets(Rate rate, int maxBuckets) {
        if (maxBuckets < STRIPES) {
            throw new IllegalArgumentException("max-buckets must be at least " + STRIPES + ", got " + maxBuckets);
        }
        this.rate = rate;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(maxBuckets / STRIPES);
        }
    }

    Rate rate() {
        return rate;
    }

    /** @return 0 when the client may go on, else nanoseconds until it may try again */
    long take(String client, long now) {
        Stripe stripe = stripes[Math.floorMod(client.hashCode(), STRIPES)];
        synchronized (stripe) {
            stripe.dropIdle(now);
            return stripe.computeIfAbsent(client, key -> new TokenBucket(rate, now))
                    .take(now);
        }
    }

    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    /** Access-ordered: the eldest entry is the one touched longest ago. */
    private static final class Stripe extends LinkedHashMap<String, TokenBucket> {

        private final int max;

        Stripe(int max) {
            super(64, 0.75f, true);
            this.max = max;
        }

        /**
         * Two per request: more than the one a request can add, so idle buckets go faster than new ones come, at a
         * constant cost. A stripe nobody touches does not grow either, so it needs no sweeping.
         */
        void dropIdle(long now) {
            Iterator<TokenBucket> eldest = values().iterator();
            for (int dropped = 0;
                    dropped < 2 && eldest.hasNext() && eldest.next().fullAt(now);
                    dropped++) {
                eldest.remove();
            }
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > max;
        }
    }
}
