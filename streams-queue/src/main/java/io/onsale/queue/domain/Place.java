package io.onsale.queue.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One buyer's place in one event's waiting room.
 *
 * @param position      the queue position, 0 while a pre-sale ticket waits for the draw
 * @param presaleNumber the pre-sale ticket number (input of the draw), 0 for a buyer who joined after sale open
 * @param admittedAt    when the serving counter reached the position, or {@code null}
 * @param windowEndsAt  end of the purchase window, or {@code null} before admission
 * @param endReason     why a DONE or LEFT place ended, or {@code null}
 */
public record Place(
        String buyerId,
        String requestId,
        PlaceStatus status,
        long position,
        long presaleNumber,
        Instant joinedAt,
        Instant admittedAt,
        Instant windowEndsAt,
        QueueReason endReason) {

    public Place {
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    static Place presale(String buyerId, String requestId, long presaleNumber, Instant at) {
        return new Place(buyerId, requestId, PlaceStatus.PRESALE, 0, presaleNumber, at, null, null, null);
    }

    static Place waiting(String buyerId, String requestId, long position, Instant at) {
        return new Place(buyerId, requestId, PlaceStatus.WAITING, position, 0, at, null, null, null);
    }

    Place drawn(long drawnPosition) {
        return new Place(
                buyerId, requestId, PlaceStatus.WAITING, drawnPosition, presaleNumber, joinedAt, null, null, null);
    }

    Place admitted(Instant at, Instant windowEnd) {
        return new Place(
                buyerId, requestId, PlaceStatus.ADMITTED, position, presaleNumber, joinedAt, at, windowEnd, null);
    }

    Place ended(PlaceStatus endStatus, QueueReason reason) {
        return new Place(
                buyerId, requestId, endStatus, position, presaleNumber, joinedAt, admittedAt, windowEndsAt, reason);
    }
}
