package io.onsale.reservations.domain;

import java.time.Instant;

/** One decision about one unit, in the order it was taken. Optional parts are {@code null} when not relevant. */
public record UnitEvent(
        Type type,
        String requestId,
        Instant decidedAt,
        String holdId,
        String buyerId,
        String orderId,
        int quantity,
        Instant holdExpiresAt,
        RejectionReason reason,
        int available) {

    public enum Type {
        CONFIGURED,
        HELD,
        REJECTED,
        SOLD,
        RELEASED,
        EXPIRED
    }

    static UnitEvent about(Type type, String requestId, Instant at, Hold hold, int available) {
        return new UnitEvent(
                type,
                requestId,
                at,
                hold.holdId(),
                hold.buyerId(),
                hold.orderId(),
                hold.quantity(),
                type == Type.HELD ? hold.expiresAt() : null,
                null,
                available);
    }

    static UnitEvent rejected(
            String requestId,
            Instant at,
            String holdId,
            String buyerId,
            String orderId,
            int quantity,
            RejectionReason reason,
            int available) {
        return new UnitEvent(Type.REJECTED, requestId, at, holdId, buyerId, orderId, quantity, null, reason, available);
    }
}
