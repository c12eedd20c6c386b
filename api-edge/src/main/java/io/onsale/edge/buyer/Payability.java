package io.onsale.edge.buyer;

import io.onsale.edge.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Whether an order can be paid now, decided before any money is touched: only a HELD order whose hold has not run
 * out. Asking the gateway for an order that cannot be confirmed would authorize money only to void it again.
 */
final class Payability {

    private Payability() {
    }

    /** @return {@code null} when the order may be paid, else the refusal to answer */
    static ApiProblem refusal(OrderView order, Instant now) {
        switch (order.status()) {
            case "HELD":
                if (order.expiresAt() != null && !now.isBefore(order.expiresAt())) {
                    return conflict(order, "HOLD_EXPIRED", "The hold of order " + order.orderId() + " has run out; "
                            + "nothing was charged.");
                }
                return null;
            case "CONFIRMING":
                return conflict(order, "PAYMENT_IN_PROGRESS", "A payment for order " + order.orderId() + " is in progress.");
            case "EXPIRED":
                return conflict(order, "HOLD_EXPIRED", "The hold of order " + order.orderId() + " expired; nothing was charged.");
            case "CANCELLED":
                return conflict(order, "CANCELLED", "Order " + order.orderId() + " was cancelled.");
            case "CONFIRMED":
                return null; // paid already: answered with the order, nothing charged again
            default:
                return conflict(order, "NOT_HELD", "Order " + order.orderId() + " holds no tickets to pay for ("
                        + order.status() + ").");
        }
    }

    private static ApiProblem conflict(OrderView order, String reason, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, reason.toLowerCase().replace('_', '-'), "Cannot be paid", detail)
                .with("reason", reason).with("orderId", order.orderId()).with("alternatives", List.of());
    }
}
