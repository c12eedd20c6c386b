package io.onsale.queue.domain;

/**
 * Why the room refused a command, or why a place ended. The wire carries it as the Avro enum of the same name
 * ({@code io.onsale.schema.queue.QueueReason}); {@code AvroMappingTest} fails if the two part.
 */
public enum QueueReason {
    /** A command for an event the catalogue does not know. */
    UNKNOWN_EVENT,
    /** A leave of a buyer without a live place. */
    NOT_IN_QUEUE,
    /** A policy change the room cannot apply; its problems go beside the reason, as the rejection's detail. */
    INVALID_POLICY,
    /** A join of a buyer who left this event's room: a place given up is not given again. */
    LEFT_QUEUE,
    /** Checkout ended by the buyer's order: confirmed. */
    CONFIRMED,
    /** Checkout ended by the buyer's order: cancelled. */
    CANCELLED,
    /** Checkout ended by the buyer's order: its hold expired. */
    EXPIRED,
    /** Checkout ended, by an outcome the room does not name. */
    ENDED,
    /** The purchase window closed before checkout ended. */
    WINDOW_CLOSED,
    /** The buyer left. */
    LEFT,
    /** Written by a newer room, with a reason this one does not know. */
    UNKNOWN
}
