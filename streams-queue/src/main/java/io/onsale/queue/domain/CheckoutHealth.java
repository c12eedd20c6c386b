package io.onsale.queue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the edges last said about checkout (payment gateway, hold decisions): the share of the organizer's admit rate it
 * can take now, and why it is lower. A slowdown lapses when nobody renews it within {@link #LAPSES_AFTER}, so an edge
 * that stops (or a network that loses its messages) never leaves a room slowed for good.
 *
 * @param share         of the policy's {@code maxAdmitRatePerSecond}, in [{@link #LEAST_SHARE}, 1]
 * @param slowedBecause why the share is below 1; {@code null} when it is not
 * @param at            when the edges said so
 */
public record CheckoutHealth(double share, String slowedBecause, Instant at) {

    /** The edges renew a slowdown every few seconds; three missed renewals and more end it. */
    public static final Duration LAPSES_AFTER = Duration.ofSeconds(30);
    /** Admission never stops for checkout's sake alone: pausing is the organizer's decision. */
    public static final double LEAST_SHARE = 0.01;

    public CheckoutHealth {
        Objects.requireNonNull(at, "at");
        if (Double.isNaN(share)) {
            throw new IllegalArgumentException("a checkout share must be a number");
        }
        share = Math.max(LEAST_SHARE, Math.min(1.0, share));
        slowedBecause = share < 1.0 ? slowedBecause : null;
    }

    public static CheckoutHealth healthy(Instant at) {
        return new CheckoutHealth(1.0, null, at);
    }

    public boolean slowed() {
        return share < 1.0;
    }

    /** Whether this still holds at {@code now}: a slowdown nobody renewed lapses. */
    boolean inForceAt(Instant now) {
        return !slowed() || now.isBefore(at.plus(LAPSES_AFTER));
    }

    /** The admit rate in force under {@code maxPerSecond}: at least one buyer a second. */
    int admitRate(int maxPerSecond) {
        return slowed() ? Math.max(1, (int) Math.floor(maxPerSecond * share)) : maxPerSecond;
    }
}
