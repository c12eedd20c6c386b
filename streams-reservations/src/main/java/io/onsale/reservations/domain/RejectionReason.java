package io.onsale.reservations.domain;

/** Why a unit refused a command. A business outcome, reported as an event. */
public enum RejectionReason {
    SEAT_TAKEN,
    SOLD_OUT,
    INSUFFICIENT_CAPACITY,
    NOT_ON_SALE,
    KILLED,
    UNKNOWN_UNIT,
    UNKNOWN_HOLD,
    HOLD_EXPIRED,
    INVALID_COMMAND,
    /** The buyer gave up a hold of this seat less than {@link ReleasePolicy#SEAT_COOLDOWN} ago (ADR 0018). */
    RELEASE_COOLDOWN
}
