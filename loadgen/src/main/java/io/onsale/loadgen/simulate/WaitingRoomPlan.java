package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.EventConfig;

/**
 * The event's waiting-room policy for a run, and whether buyers go through it.
 *
 * @param enabled              buyers join and order with their admission token; off: the room never activates
 * @param activationThreshold  active shoppers from which arriving buyers queue instead of passing through
 * @param admitRatePerSecond   the most buyers admitted per second
 * @param activeShoppers       admission stops while this many admitted buyers are still shopping
 */
record WaitingRoomPlan(boolean enabled, int activationThreshold, int admitRatePerSecond, int activeShoppers) {

    /**
     * Long enough for slow decisions and their retries on a busy machine (orders need the token within it, and the
     * audit's re-asks too), short enough that buyers who lost every race (each keeps a shopper slot until the window
     * closes: there is no call to leave the room) do not hold admission back for long when the target binds.
     */
    static final int PURCHASE_WINDOW_MINUTES = 5;

    /**
     * Defaults for a sale of {@code seats}: admit a tenth of the venue per second, so that with twice as many buyers
     * as seats the last ones are still waiting when it sells out (and are told SOLD_OUT); up to twice the venue
     * shopping at once, so that the admit rate meters the sale and buyers who lost every race (each keeps a slot until
     * the purchase window closes) do not stall admission for the window's length.
     */
    static WaitingRoomPlan forSale(boolean enabled, int seats, Integer admitRate, Integer shoppers) {
        int target = shoppers != null ? shoppers : Math.max(20, 2 * seats);
        int rate = admitRate != null ? admitRate : Math.max(10, seats / 10);
        return new WaitingRoomPlan(enabled, Math.max(1, target / 10), rate, target);
    }

    /** Off: a threshold above every buyer there is, so every buyer passes straight through. */
    EventConfig.QueuePolicy policy(int buyers) {
        return enabled
                ? new EventConfig.QueuePolicy(
                        activationThreshold, admitRatePerSecond, activeShoppers, PURCHASE_WINDOW_MINUTES)
                : new EventConfig.QueuePolicy(buyers + 1, 1_000, Math.max(10_000, buyers + 1), 10);
    }
}
