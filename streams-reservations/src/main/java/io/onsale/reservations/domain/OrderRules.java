package io.onsale.reservations.domain;

import java.time.Instant;

/** What the event's configuration says about orders. */
public record OrderRules(int perBuyerLimit, Instant saleOpensAt, String currency) {
}
