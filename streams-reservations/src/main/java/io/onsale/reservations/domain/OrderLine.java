package io.onsale.reservations.domain;

import java.time.Instant;

/** One unit of an order, taken by hold {@code holdId} ({@code orderId~attempt}), and where that hold stands. */
public record OrderLine(
        String sectionId,
        String unitId,
        String holdId,
        int quantity,
        Status status,
        long priceMinor,
        Instant holdExpiresAt) {

    public enum Status {
        REQUESTED,
        HELD,
        REJECTED,
        RELEASING,
        RELEASED,
        SOLD,
        EXPIRED
    }

    OrderLine with(Status newStatus) {
        return new OrderLine(sectionId, unitId, holdId, quantity, newStatus, priceMinor, holdExpiresAt);
    }

    /** The order gave this unit back (or is giving it back): it is no longer the buyer's. */
    boolean givenBack() {
        return status == Status.RELEASING || status == Status.RELEASED;
    }

    /** Nothing of this line is at its unit, and no answer about it is on its way: refused, given back or expired. */
    boolean isSettled() {
        return status == Status.REJECTED || status == Status.RELEASED || status == Status.EXPIRED;
    }

    /** The unit still holds (or sold) something for this line: it must be given back if the order fails. */
    boolean occupiesUnit() {
        return status == Status.HELD || status == Status.SOLD;
    }
}
