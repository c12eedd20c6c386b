package io.onsale.queue.topology;

import io.onsale.queue.domain.QueueReason;
import io.onsale.queue.domain.RoomEvent;
import io.onsale.queue.domain.WaitingRoom;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import java.time.Instant;
import java.util.List;

/** Hands each queue command type to its decision; a command that lacks what its type needs is a bug upstream (DLQ). */
final class CommandMapping {

    private CommandMapping() {}

    static List<RoomEvent> decide(WaitingRoom room, QueueCommand command, Instant at) {
        return switch (command.getType()) {
            case JOIN -> room.join(command.getRequestId(), required(command.getBuyerId(), "buyerId", command), at);
            case LEAVE -> room.leave(command.getRequestId(), required(command.getBuyerId(), "buyerId", command), at);
            case CHANGE_POLICY -> {
                if (command.getPolicy() == null && command.getPaused() == null) {
                    throw new IllegalArgumentException("queue command " + command.getRequestId()
                            + " of type CHANGE_POLICY changes nothing: it needs a policy, paused, or both");
                }
                yield room.changePolicy(
                        command.getRequestId(),
                        command.getPolicy() == null ? null : AvroMapping.toPolicy(command.getPolicy()),
                        command.getPaused(),
                        at);
            }
            case CHECKOUT_ENDED ->
                room.checkoutEnded(
                        required(command.getBuyerId(), "buyerId", command), checkoutEnd(command.getOutcome()), at);
            case SOLD_OUT -> room.soldOut(true, at);
            case INVENTORY_BACK -> room.soldOut(false, at);
            case CHECKOUT_HEALTH ->
                room.checkoutHealth(
                        required(command.getCheckoutShare(), "checkoutShare", command), command.getSlowedBecause(), at);
            case UNKNOWN ->
                throw new IllegalArgumentException(
                        "queue command " + command.getRequestId() + " has a type this version does not know");
        };
    }

    /** The answer to a command for an event the catalogue does not know. */
    static RoomEvent refuseForUnknownEvent(QueueCommand command, Instant at) {
        if (command.getType() == QueueCommandType.UNKNOWN) {
            throw new IllegalArgumentException(
                    "queue command " + command.getRequestId() + " has a type this version does not know");
        }
        return new RoomEvent.Rejected(
                command.getRequestId(), at, 0, command.getBuyerId(), QueueReason.UNKNOWN_EVENT, null);
    }

    /**
     * Why a checkout ended, from a CHECKOUT_ENDED's {@code outcome}: the name of the {@link OrderEventType} that ended
     * it ({@link CheckoutEndRouter} writes it). It stays a string on the wire: only the room writes and reads it, and
     * it already names a symbol of a released enum; it is typed here, where it is read. An outcome this version does
     * not know, or none, still ends the checkout, as {@link QueueReason#ENDED}.
     */
    static QueueReason checkoutEnd(String outcome) {
        OrderEventType type = OrderEventType.UNKNOWN;
        for (OrderEventType known : OrderEventType.values()) {
            if (known.name().equals(outcome)) {
                type = known;
            }
        }
        return switch (type) {
            case CONFIRMED -> QueueReason.CONFIRMED;
            case CANCELLED -> QueueReason.CANCELLED;
            case EXPIRED -> QueueReason.EXPIRED;
            case HELD, REJECTED, UNKNOWN -> QueueReason.ENDED;
        };
    }

    private static <T> T required(T value, String field, QueueCommand command) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "queue command " + command.getRequestId() + " of type " + command.getType() + " lacks " + field);
        }
        return value;
    }
}
