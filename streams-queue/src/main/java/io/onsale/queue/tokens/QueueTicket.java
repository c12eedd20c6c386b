package io.onsale.queue.tokens;

import java.util.Objects;

/**
 * A buyer's place in one event's waiting room, as handed to the buyer (signed by {@link QueueTickets}).
 *
 * @param number  the queue position, or for a pre-sale ticket the pre-sale number, whose position the draw at
 *                opening gives ({@code PresaleDraw.positionOf(seed, presaleCount, number)} with the revealed seed)
 * @param presale whether this is a pre-sale ticket
 */
public record QueueTicket(String eventId, String buyerId, long number, boolean presale) {

    public QueueTicket {
        requireText(eventId, "eventId");
        requireText(buyerId, "buyerId");
        if (number < 1) {
            throw new IllegalArgumentException("a ticket's number starts at 1, got " + number);
        }
    }

    public static QueueTicket position(String eventId, String buyerId, long position) {
        return new QueueTicket(eventId, buyerId, position, false);
    }

    public static QueueTicket presale(String eventId, String buyerId, long presaleNumber) {
        return new QueueTicket(eventId, buyerId, presaleNumber, true);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(field + " must be non-empty and on one line");
        }
    }
}
