package io.onsale.edge.payment;

import io.onsale.edge.buyer.OrderView;
import io.onsale.edge.problem.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Whether an order can be paid now, decided before any money is touched: only a HELD order whose hold still has
 * the time a payment needs (authorize, then confirm before the hold ends). Asking the gateway for an order that
 * cannot be confirmed would authorize money only to void it again. The hold is guarded, not extended (ADR 0008).
 */
final class Payability {

    private Payability() {}

    /**
     * @param timeNeeded the least hold time left for a payment to start ({@code PaymentSettings#holdTimeNeeded})
     * @return {@code null} when the order may be paid, else the refusal to answer
     */
    static ApiProblem refusal(OrderView order, Instant now, Duration timeNeeded) {
        switch (order.status()) {
            case "HELD":
                if (order.expiresAt() != null && !now.isBefore(order.expiresAt())) {
                    return conflict(
                            order,
                            "HOLD_EXPIRED",
                            "The hold of order " + order.orderId() + " has run out; " + "nothing was charged.");
                }
                if (order.expiresAt() != null && now.plus(timeNeeded).isAfter(order.expiresAt())) {
                    return holdEnding(order, Duration.between(now, order.expiresAt()), timeNeeded);
                }
                return null;
            case "CONFIRMING":
                return conflict(
                        order, "PAYMENT_IN_PROGRESS", "A payment for order " + order.orderId() + " is in progress.");
            case "EXPIRED":
                return conflict(
                        order,
                        "HOLD_EXPIRED",
                        "The hold of order " + order.orderId() + " expired; nothing was charged.");
            case "CANCELLED":
                return conflict(order, "CANCELLED", "Order " + order.orderId() + " was cancelled.");
            case "CONFIRMED":
                return null; // paid already: answered with the order, nothing charged again
            default:
                return conflict(
                        order,
                        "NOT_HELD",
                        "Order " + order.orderId() + " holds no tickets to pay for (" + order.status() + ").");
        }
    }

    /** The hold ends before a payment could be authorized and confirmed: nothing is charged, nothing is tried. */
    static ApiProblem holdEnding(OrderView order, Duration left, Duration timeNeeded) {
        return conflict(
                order,
                "HOLD_ENDING",
                "The hold of order " + order.orderId() + " ends in "
                        + Math.max(0, left.toSeconds()) + " s, too soon to authorize and confirm a payment (it needs "
                        + timeNeeded.toSeconds()
                        + " s); nothing was charged. Order the tickets again to pay for them.");
    }

    /**
     * Another payment of the order won the engine's CONFIRM and is being confirmed: this one's authorization is voided.
     * Sent again (with or without its key), the payment is answered 200 with the order once it is confirmed.
     */
    static ApiProblem anotherPaymentInProgress(String orderId) {
        return conflict(
                orderId,
                "PAYMENT_IN_PROGRESS",
                "Another payment for order " + orderId + " is being confirmed; "
                        + "this one was not charged (its authorization is voided). Read the order, or pay again: once the order "
                        + "is confirmed, that is answered 200 with it.");
    }

    private static ApiProblem conflict(OrderView order, String reason, String detail) {
        return conflict(order.orderId(), reason, detail);
    }

    private static ApiProblem conflict(String orderId, String reason, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, reason.toLowerCase().replace('_', '-'), "Cannot be paid", detail)
                .with("reason", reason)
                .with("orderId", orderId)
                .with("alternatives", List.of());
    }
}
