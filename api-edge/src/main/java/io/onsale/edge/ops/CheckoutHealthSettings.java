package io.onsale.edge.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health-aware admission ({@code onsale.queue.health.*}; defaults in application.yaml): when the edge sees checkout
 * unhealthy it tells every waiting room to admit a smaller share of the organizer's rate, and a growing one as it
 * recovers.
 *
 * @param enabled            watch checkout and tell the rooms; off: rooms admit at the organizer's rate whatever happens
 * @param window             the meters are read over this window at each evaluation
 * @param gatewayP99         a payment gateway p99 above this is unhealthy
 * @param gatewayFailureRatio a share of failing gateway calls above this is unhealthy
 * @param holdP99            a hold answer p99 above this is unhealthy
 * @param leastShare         the least share of the organizer's rate admission is slowed to
 * @param step               the share regained per healthy evaluation once calm
 * @param calmReadings       healthy evaluations in a row before the share grows again
 */
@ConfigurationProperties("onsale.queue.health")
record CheckoutHealthSettings(
        boolean enabled,
        Duration window,
        Duration gatewayP99,
        double gatewayFailureRatio,
        Duration holdP99,
        double leastShare,
        double step,
        int calmReadings) {

    CheckoutHealthDecider.Limits limits() {
        return new CheckoutHealthDecider.Limits(
                gatewayP99, gatewayFailureRatio, holdP99, leastShare, step, calmReadings);
    }
}
