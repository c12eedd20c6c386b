package io.onsale.edge.payment;

import java.time.Duration;
import java.time.Instant;

/**
 * What to do with an authorization nobody settled, from the order as the engine's committed books have it: the
 * engine alone says whether the buyer got the tickets, so money follows its decision and never a guess. Plain Java:
 * the order, the authorization and the time come in, a resolution goes out.
 */
final class ReconciliationDecider {

    enum Action {
        WAIT,
        CAPTURE,
        VOID
    }

    /** @param reason why: the order's status or what is waited for, for the log and the VOIDED record */
    record Resolution(Action action, String reason) {
        static Resolution waitFor(String reason) {
            return new Resolution(Action.WAIT, reason);
        }
    }

    /** The order as the engine's books have it: its status and the payment it was confirmed (or is confirming) with. */
    record OrderSnapshot(String status, String paymentId) {}

    private final Duration grace;

    /** @param grace how long the payment request (and its late follower) has to settle an authorization itself */
    ReconciliationDecider(Duration grace) {
        this.grace = grace;
    }

    /** @param order {@code null} when the engine has no such order for this buyer */
    Resolution decide(OpenAuthorization authorization, OrderSnapshot order, Instant now) {
        if (now.isBefore(authorization.authorizedAt().plus(grace))) {
            return Resolution.waitFor("RECENT");
        }
        if (order == null) {
            // No order, no tickets: the buyer must not stay charged for nothing.
            return new Resolution(Action.VOID, "UNKNOWN_ORDER");
        }
        return switch (order.status()) {
            case "CONFIRMED" ->
                order.paymentId() == null || order.paymentId().equals(authorization.paymentId())
                        ? new Resolution(Action.CAPTURE, "CONFIRMED")
                        // The buyer paid twice (two keys); the tickets went with the other payment.
                        : new Resolution(Action.VOID, Settlement.PAID_BY_ANOTHER_PAYMENT);
            case "EXPIRED", "CANCELLED", "REJECTED" -> new Resolution(Action.VOID, order.status());
            // HELD: a confirm may still be on its way, or never sent; the hold's expiry settles it (EXPIRED → void).
            default -> Resolution.waitFor(order.status());
        };
    }
}
