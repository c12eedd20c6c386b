package io.onsale.reservations.domain;

/** Where an order stands. PLACING and CONFIRMING wait for unit decisions; the others are answers. */
public enum OrderStatus {
    PLACING,
    HELD,
    REJECTED,
    CONFIRMING,
    CONFIRMED,
    EXPIRED,
    CANCELLED;

    /** Counts toward the buyer's ticket limit. */
    public boolean isLive() {
        return this == PLACING || this == HELD || this == CONFIRMING || this == CONFIRMED;
    }

    public boolean isFinal() {
        return this == REJECTED || this == CONFIRMED || this == EXPIRED || this == CANCELLED;
    }
}
