package io.onsale.reservations.domain;

/**
 * Why an order was refused, or ended without its tickets: one of its units' refusals, or the order's own. The wire
 * carries it as the Avro enum of the same name ({@code io.onsale.schema.order.OrderReason}).
 */
public enum OrderReason {
    SEAT_TAKEN,
    SOLD_OUT,
    INSUFFICIENT_CAPACITY,
    NOT_ON_SALE,
    KILLED,
    UNKNOWN_UNIT,
    UNKNOWN_HOLD,
    HOLD_EXPIRED,
    INVALID_COMMAND,
    RELEASE_COOLDOWN,
    /** The order would take the buyer past the event's per-buyer limit, live orders counted. */
    BUYER_LIMIT,
    /** The buyer gave up {@link ReleasePolicy#RELEASE_LIMIT} held orders within its window (ADR 0018). */
    RELEASE_LIMIT,
    UNKNOWN_EVENT,
    UNKNOWN_ORDER,
    /** A confirm of an order that is not held (yet). */
    NOT_HELD,
    /** A cancel or a second confirm while a payment confirms the order. */
    PAYMENT_IN_PROGRESS,
    ALREADY_CONFIRMED,
    /** Written by a newer engine, with a reason this one does not know. */
    UNKNOWN;

    /** The order's reason for a unit's refusal: the unit's own; a unit that gave none refused an invalid command. */
    public static OrderReason of(RejectionReason unit) {
        return unit == null ? INVALID_COMMAND : valueOf(unit.name());
    }
}
