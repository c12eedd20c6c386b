package io.onsale.reservations.domain;

import java.time.Duration;
import java.time.Instant;

/** What the organizer configured for a unit. */
public record UnitSpec(
        Kind kind,
        int capacity,
        String priceTier,
        long priceMinor,
        String currency,
        Duration holdWindow,
        Instant saleOpensAt,
        boolean killed) {

    public enum Kind {
        SEAT,
        ZONE
    }

    public UnitSpec {
        if (kind == Kind.SEAT && capacity != 1) {
            throw new IllegalArgumentException("a seat has capacity 1, got " + capacity);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
    }
}
