package io.onsale.queue.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.queue.domain.Place;
import io.onsale.queue.domain.PlaceStatus;
import io.onsale.queue.domain.QueueReason;
import io.onsale.queue.domain.RoomEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueuePlace;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The room's reasons on the wire: typed, with the string older readers know beside it, read from either age. */
class AvroMappingTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theRoomAndTheWireKnowTheSameReasons() {
        assertThat(Arrays.stream(QueueReason.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(io.onsale.schema.queue.QueueReason.values())
                        .map(Enum::name)
                        .toList());
        for (QueueReason reason : QueueReason.values()) {
            assertThat(AvroMapping.fromWire(AvroMapping.toWire(reason))).isEqualTo(reason);
        }
    }

    @Test
    void aKeptPlaceCarriesItsEndTypedAndAsTheStringOlderReadersRead() {
        for (QueueReason reason : QueueReason.values()) {
            Place ended = new Place("alice", "join:E1:alice", PlaceStatus.DONE, 7, 0, AT, AT, AT, reason);

            QueuePlace kept = AvroMapping.fromPlace("E1", ended);

            assertThat(kept.getEndReasonCode()).isEqualTo(io.onsale.schema.queue.QueueReason.valueOf(reason.name()));
            assertThat(kept.getEndReason()).isEqualTo(reason.name());
            assertThat(AvroMapping.toPlace(kept)).isEqualTo(ended);
        }
    }

    @Test
    void aPlaceKeptBeforeTheTypedReasonIsReadFromItsString() {
        Place ended = new Place("alice", "join:E1:alice", PlaceStatus.LEFT, 7, 0, AT, null, null, QueueReason.LEFT);
        QueuePlace kept = AvroMapping.fromPlace("E1", ended);
        kept.setEndReasonCode(null);

        assertThat(AvroMapping.toPlace(kept).endReason()).isEqualTo(QueueReason.LEFT);
    }

    @Test
    void aRefusalIsTypedAndKeepsTheStringOlderReadersRead() {
        QueueEvent leftQueue = AvroMapping.toEvent(
                "E1", new RoomEvent.Rejected("join:E1:bob", AT, 3, "bob", QueueReason.LEFT_QUEUE, null));
        QueueEvent invalid = AvroMapping.toEvent(
                "E1",
                new RoomEvent.Rejected(
                        "policy:E1",
                        AT,
                        3,
                        null,
                        QueueReason.INVALID_POLICY,
                        "maxAdmitRatePerSecond must be" + " at least 1, got 0"));

        assertThat(leftQueue.getReasonCode()).isEqualTo(io.onsale.schema.queue.QueueReason.LEFT_QUEUE);
        assertThat(leftQueue.getReason()).isEqualTo("LEFT_QUEUE");
        assertThat(leftQueue.getReasonDetail()).isNull();
        assertThat(invalid.getReasonCode()).isEqualTo(io.onsale.schema.queue.QueueReason.INVALID_POLICY);
        assertThat(invalid.getReasonDetail()).isEqualTo("maxAdmitRatePerSecond must be at least 1, got 0");
        assertThat(invalid.getReason())
                .as("as rooms before the typed field wrote it")
                .isEqualTo("INVALID_POLICY: maxAdmitRatePerSecond must be at least 1, got 0");
    }

    @Test
    void aReleasedSlotSaysWhyTyped() {
        Place done = new Place("alice", "join:E1:alice", PlaceStatus.DONE, 7, 0, AT, AT, AT, QueueReason.EXPIRED);

        QueueEvent released = AvroMapping.toEvent("E1", new RoomEvent.SlotReleased(AT, 7, done, QueueReason.EXPIRED));

        assertThat(released.getReasonCode()).isEqualTo(io.onsale.schema.queue.QueueReason.EXPIRED);
        assertThat(released.getReason()).isEqualTo("EXPIRED");
    }

    @Test
    void aCheckoutEndsForTheOrderOutcomeItNames() {
        assertThat(CommandMapping.checkoutEnd(OrderEventType.CONFIRMED.name())).isEqualTo(QueueReason.CONFIRMED);
        assertThat(CommandMapping.checkoutEnd(OrderEventType.CANCELLED.name())).isEqualTo(QueueReason.CANCELLED);
        assertThat(CommandMapping.checkoutEnd(OrderEventType.EXPIRED.name())).isEqualTo(QueueReason.EXPIRED);
        assertThat(CommandMapping.checkoutEnd(null)).isEqualTo(QueueReason.ENDED);
        assertThat(CommandMapping.checkoutEnd("AN_OUTCOME_FROM_A_NEWER_ENGINE")).isEqualTo(QueueReason.ENDED);
    }
}
