package io.onsale.queue.topology;

import io.onsale.queue.domain.RoomEvent;
import io.onsale.queue.domain.WaitingRoom;
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
                        required(command.getBuyerId(), "buyerId", command),
                        command.getOutcome() == null ? "ENDED" : command.getOutcome(),
                        at);
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
        return new RoomEvent.Rejected(command.getRequestId(), at, 0, command.getBuyerId(), WaitingRoom.UNKNOWN_EVENT);
    }

    private static <T> T required(T value, String field, QueueCommand command) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "queue command " + command.getRequestId() + " of type " + command.getType() + " lacks " + field);
        }
        return value;
    }
}
