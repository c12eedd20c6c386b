package io.onsale.reservations.domain;

import java.time.Instant;

/** What the event's configuration says about orders. */
public record OrderRules(int perBuyerLimit, Instant saleOpensAt, String currency) {

    /**
     * The currency of an order or unit decided before its event's rules are known (an unknown event, a unit whose spec
     * has not arrived). The wire schemas default their {@code currency} fields to the same value, so a record written
     * without one reads the same.
     */
    public static final String DEFAULT_CURRENCY = "EUR";
}
