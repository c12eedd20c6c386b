package io.onsale.edge.payment;

/**
 * What a payment does with its authorized money once the engine has answered its CONFIRM: capture only when the engine
 * confirmed the order with this very payment, void otherwise. One order, one capture: the engine lets the first CONFIRM
 * of an order win and names that payment on every answer about it, so another payment of the same order (a second
 * click, a second key, a retry after a crash) is answered CONFIRMED with the winner's id, or PAYMENT_IN_PROGRESS while
 * the winner is being confirmed, and voids. Plain Java: the answer and the payment in, the action out.
 */
final class Settlement {

    enum Action {
        CAPTURE,
        VOID
    }

    /** @param reason why the money is voided (recorded on the VOIDED payment event); {@code null} for a capture */
    record Decision(Action action, String reason) {}

    /**
     * The engine's committed answer to a CONFIRM, as far as the money is concerned.
     *
     * @param type      {@code CONFIRMED}, {@code REJECTED}, {@code EXPIRED}, {@code CANCELLED}, …
     * @param paymentId the payment the engine confirmed the order with (or is confirming it with); {@code null} from an
     *                  engine that does not say (before {@code OrderEvent} v2)
     * @param reason    the engine's reason, on refusals
     */
    record EngineAnswer(String type, String paymentId, String reason) {}

    /** The void's reason when the order went to another payment of it; reconciliation records the same. */
    static final String PAID_BY_ANOTHER_PAYMENT = "PAID_BY_ANOTHER_PAYMENT";

    private Settlement() {}

    static Decision of(EngineAnswer answer, String paymentId) {
        if (!"CONFIRMED".equals(answer.type())) {
            return new Decision(Action.VOID, answer.reason() == null ? answer.type() : answer.reason());
        }
        // An engine that does not name the payment is older than this rule: capture, as edges always did with it.
        if (answer.paymentId() == null || answer.paymentId().equals(paymentId)) {
            return new Decision(Action.CAPTURE, null);
        }
        return new Decision(Action.VOID, PAID_BY_ANOTHER_PAYMENT);
    }
}
