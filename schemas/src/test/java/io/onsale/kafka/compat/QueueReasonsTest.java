package io.onsale.kafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The waiting room's reason read from records of every age: typed, string only (before the typed field), or newer. */
class QueueReasonsTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theTypedReasonIsReadFirst() {
        assertThat(QueueReasons.of(QueueReason.LEFT_QUEUE, "NOT_IN_QUEUE")).isEqualTo(QueueReason.LEFT_QUEUE);
        assertThat(QueueReasons.of(QueueReason.WINDOW_CLOSED, null)).isEqualTo(QueueReason.WINDOW_CLOSED);
    }

    @Test
    void aRecordWrittenBeforeTheTypedFieldIsReadFromItsString() {
        assertThat(QueueReasons.of(null, "LEFT_QUEUE")).isEqualTo(QueueReason.LEFT_QUEUE);
        assertThat(QueueReasons.of(null, "EXPIRED")).isEqualTo(QueueReason.EXPIRED);
        assertThat(QueueReasons.of(null, "INVALID_POLICY: targetActiveShoppers below activationThreshold"))
                .as("the room wrote an invalid policy's problems after the symbol")
                .isEqualTo(QueueReason.INVALID_POLICY);
    }

    @Test
    void aReasonThisReaderDoesNotKnowReadsAsUnknown() {
        assertThat(QueueReasons.of(null, "A_REASON_FROM_A_NEWER_ROOM")).isEqualTo(QueueReason.UNKNOWN);
        assertThat(QueueReasons.of(QueueReason.UNKNOWN, null)).isEqualTo(QueueReason.UNKNOWN);
        assertThat(QueueReasons.of(QueueReason.UNKNOWN, "NOT_IN_QUEUE"))
                .as("a symbol the Avro reader could not resolve, with a string it can")
                .isEqualTo(QueueReason.NOT_IN_QUEUE);
    }

    @Test
    void aRecordWithNeitherHasNoReason() {
        assertThat(QueueReasons.of(null, null)).isNull();
    }

    @Test
    void anInvalidPolicysProblemsAreItsDetailTypedOrInTheOldString() {
        QueueEvent typed = rejected()
                .setReason("INVALID_POLICY: a; b")
                .setReasonCode(QueueReason.INVALID_POLICY)
                .setReasonDetail("a; b")
                .build();
        QueueEvent old = rejected().setReason("INVALID_POLICY: a; b").build();
        QueueEvent plain = rejected().setReason("NOT_IN_QUEUE").build();

        assertThat(QueueReasons.of(typed)).isEqualTo(QueueReason.INVALID_POLICY);
        assertThat(QueueReasons.detailOf(typed)).isEqualTo("a; b");
        assertThat(QueueReasons.of(old)).isEqualTo(QueueReason.INVALID_POLICY);
        assertThat(QueueReasons.detailOf(old)).isEqualTo("a; b");
        assertThat(QueueReasons.detailOf(plain)).isNull();
    }

    @Test
    void aPlaceKeptBeforeTheTypedFieldIsReadFromItsString() {
        QueuePlace old = QueuePlace.newBuilder()
                .setEventId("E1")
                .setBuyerId("alice")
                .setRequestId("join:E1:alice")
                .setStatus(QueuePlaceStatus.DONE)
                .setJoinedAt(AT)
                .setEndReason("WINDOW_CLOSED")
                .build();

        assertThat(QueueReasons.endOf(old)).isEqualTo(QueueReason.WINDOW_CLOSED);
        assertThat(QueueReasons.endOf(QueuePlace.newBuilder(old)
                        .setEndReasonCode(QueueReason.CONFIRMED)
                        .build()))
                .isEqualTo(QueueReason.CONFIRMED);
    }

    private static QueueEvent.Builder rejected() {
        return QueueEvent.newBuilder()
                .setType(QueueEventType.REJECTED)
                .setEventId("E1")
                .setDecidedAt(AT);
    }
}
