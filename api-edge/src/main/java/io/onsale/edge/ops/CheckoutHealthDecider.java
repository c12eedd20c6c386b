package io.onsale.edge.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much of the organizer's admit rate checkout can take now, from what the edge sees of it: the payment gateway's
 * latency and failures, and how long hold decisions take. Admitting buyers into a checkout that cannot serve them only
 * turns their purchase windows into timeouts; slowing admission lets checkout catch up.
 *
 * <p>Additive increase, multiplicative decrease, like a congestion window: each unhealthy reading halves the share
 * (down to {@code leastShare}); after {@code calmReadings} healthy readings in a row it grows by {@code step} a reading
 * back to 1. One bad reading acts at once; recovery is gradual, so admission does not flap with every reading. Pure:
 * the caller reads the meters and publishes the result.
 */
final class CheckoutHealthDecider {

    /** What the edge measured over the last window; {@code null} where nothing was measured (no calls, no holds). */
    record Reading(Duration gatewayP99, Double gatewayFailureRatio, Duration holdDecisionP99) {}

    /** The share of the admit rate checkout can take, and why it is below 1 ({@code null} when it is not). */
    record Verdict(double share, String slowedBecause) {
        boolean slowed() {
            return share < 1.0;
        }
    }

    /**
     * @param gatewayP99Limit      above this the gateway is slow
     * @param gatewayFailureLimit  a share of gateway calls failing above this is unhealthy
     * @param holdDecisionP99Limit above this, hold decisions are slow
     */
    record Limits(
            Duration gatewayP99Limit,
            double gatewayFailureLimit,
            Duration holdDecisionP99Limit,
            double leastShare,
            double step,
            int calmReadings) {
        Limits {
            if (leastShare <= 0 || leastShare > 1 || step <= 0 || calmReadings < 1) {
                throw new IllegalArgumentException(
                        "checkout health needs 0 < least-share <= 1, step > 0, calm-readings >= 1");
            }
        }
    }

    private final Limits limits;
    private double share = 1.0;
    private int calm;
    private String lastReason;

    CheckoutHealthDecider(Limits limits) {
        this.limits = limits;
    }

    Verdict decide(Reading reading) {
        List<String> problems = problems(reading);
        if (!problems.isEmpty()) {
            calm = 0;
            share = Math.max(limits.leastShare(), share / 2);
            lastReason = String.join("; ", problems);
        } else if (share < 1.0 && ++calm >= limits.calmReadings()) {
            share = Math.min(1.0, share + limits.step());
            if (share >= 1.0) {
                lastReason = null;
            }
        }
        return new Verdict(share, share < 1.0 ? recovering(problems) : null);
    }

    private String recovering(List<String> problems) {
        return problems.isEmpty() ? "recovering from: " + lastReason : lastReason;
    }

    private List<String> problems(Reading reading) {
        List<String> problems = new ArrayList<>();
        if (reading.gatewayP99() != null && reading.gatewayP99().compareTo(limits.gatewayP99Limit()) > 0) {
            problems.add("payment gateway p99 " + seconds(reading.gatewayP99()) + " over "
                    + seconds(limits.gatewayP99Limit()));
        }
        if (reading.gatewayFailureRatio() != null && reading.gatewayFailureRatio() > limits.gatewayFailureLimit()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "payment gateway failing %.0f%% of calls (limit %.0f%%)",
                    reading.gatewayFailureRatio() * 100,
                    limits.gatewayFailureLimit() * 100));
        }
        if (reading.holdDecisionP99() != null
                && reading.holdDecisionP99().compareTo(limits.holdDecisionP99Limit()) > 0) {
            problems.add("hold decisions p99 " + seconds(reading.holdDecisionP99()) + " over "
                    + seconds(limits.holdDecisionP99Limit()));
        }
        return problems;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
