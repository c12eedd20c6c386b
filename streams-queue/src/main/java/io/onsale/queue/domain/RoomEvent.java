package io.onsale.queue.domain;

import java.time.Instant;
import java.util.Objects;

/** What one event's waiting room decided. Answers to a command carry its request id. */
public sealed interface RoomEvent {

    Instant at();

    /** The serving counter after the decision. */
    long servingCounter();

    /** A buyer's place, new or (if {@code duplicate}) the one the buyer already had. */
    record Joined(String requestId, Instant at, long servingCounter, Place place, boolean duplicate)
            implements RoomEvent {}

    /**
     * A command the room refuses, and why. {@code detail} says more where the reason alone does not: an
     * {@link QueueReason#INVALID_POLICY}'s problems; {@code null} otherwise.
     */
    record Rejected(
            String requestId, Instant at, long servingCounter, String buyerId, QueueReason reason, String detail)
            implements RoomEvent {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        Rejected(String requestId, Instant at, long servingCounter, String buyerId, QueueReason reason) {
            this(requestId, at, servingCounter, buyerId, reason, null);
        }
    }

    record Left(String requestId, Instant at, long servingCounter, Place place) implements RoomEvent {}

    /** One metered batch: positions {@code fromPosition..toPosition} served, {@code admitted} buyers among them. */
    record Admitted(
            Instant at, long servingCounter, long fromPosition, long toPosition, long admitted, Instant windowEndsAt)
            implements RoomEvent {}

    /** A shopper slot came back: the buyer's checkout ended ({@code CONFIRMED}, …), window closed, or buyer left. */
    record SlotReleased(Instant at, long servingCounter, Place place, QueueReason reason) implements RoomEvent {}

    record ModeChanged(Instant at, long servingCounter, Mode previous, Mode mode) implements RoomEvent {}

    /** The pre-sale draw at opening: {@code seed} revealed, verifiable against the published commitment. */
    record PresaleDrawn(Instant at, long servingCounter, long presaleCount, String seed, String seedCommitment)
            implements RoomEvent {}

    /** The policy in force changed: by the organizer (with its request id) or by a new event config (without). */
    record PolicyChanged(String requestId, Instant at, long servingCounter, Policy policy, boolean paused)
            implements RoomEvent {}
}
