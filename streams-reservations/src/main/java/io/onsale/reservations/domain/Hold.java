package io.onsale.reservations.domain;

import java.time.Instant;

/** A soft reservation of {@code quantity} of a unit for a buyer, until {@code expiresAt}. */
public record Hold(String holdId, String requestId, String buyerId, String orderId, int quantity, Instant expiresAt) {

    boolean isDueAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
