package io.onsale.queue.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one event's waiting room meters buyers, as configured and as changed live by the organizer.
 *
 * @param activationThreshold   active shoppers from which arriving buyers queue instead of passing through
 * @param maxAdmitRatePerSecond the most buyers admitted per second from the queue
 * @param targetActiveShoppers  admission stops while this many admitted buyers are still shopping
 * @param purchaseWindow        how long an admitted buyer may shop
 */
public record Policy(
        int activationThreshold, int maxAdmitRatePerSecond, int targetActiveShoppers, Duration purchaseWindow) {

    public static final Duration LONGEST_WINDOW = Duration.ofMinutes(60);

    public Policy {
        Objects.requireNonNull(purchaseWindow, "purchaseWindow");
    }

    /** What is wrong with this policy, one message per field; empty if it can be put in force. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (activationThreshold < 1) {
            problems.add("activationThreshold must be at least 1, got " + activationThreshold);
        }
        if (maxAdmitRatePerSecond < 1) {
            problems.add("maxAdmitRatePerSecond must be at least 1, got " + maxAdmitRatePerSecond);
        }
        if (targetActiveShoppers < 1) {
            problems.add("targetActiveShoppers must be at least 1, got " + targetActiveShoppers);
        }
        if (purchaseWindow.compareTo(Duration.ofMinutes(1)) < 0 || purchaseWindow.compareTo(LONGEST_WINDOW) > 0) {
            problems.add("purchaseWindow must be between 1 and 60 minutes, got " + purchaseWindow);
        }
        return problems;
    }
}
