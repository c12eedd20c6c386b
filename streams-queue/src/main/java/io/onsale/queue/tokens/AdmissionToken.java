package io.onsale.queue.tokens;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof that a buyer was admitted to one event's purchase flow, valid until the end of the purchase window.
 *
 * @param position the queue position the buyer was admitted with
 */
public record AdmissionToken(String eventId, String buyerId, long position, Instant issuedAt, Instant expiresAt) {

    public AdmissionToken {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("an admission token must expire after it is issued");
        }
    }
}
