package io.onsale.kafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.schema.order.OrderReason;
import org.junit.jupiter.api.Test;

/** An order's reason read from records of every age: typed, string only (before the typed field), or from the future. */
class OrderReasonsTest {

    @Test
    void theTypedReasonIsReadFirst() {
        assertThat(OrderReasons.of(OrderReason.BUYER_LIMIT, "SEAT_TAKEN")).isEqualTo(OrderReason.BUYER_LIMIT);
        assertThat(OrderReasons.of(OrderReason.BUYER_LIMIT, null)).isEqualTo(OrderReason.BUYER_LIMIT);
    }

    @Test
    void aRecordWrittenBeforeTheTypedFieldIsReadFromItsString() {
        assertThat(OrderReasons.of(null, "RELEASE_LIMIT")).isEqualTo(OrderReason.RELEASE_LIMIT);
    }

    @Test
    void aReasonThisReaderDoesNotKnowReadsAsUnknown() {
        assertThat(OrderReasons.of(null, "A_REASON_FROM_A_NEWER_ENGINE")).isEqualTo(OrderReason.UNKNOWN);
        assertThat(OrderReasons.of(OrderReason.UNKNOWN, null)).isEqualTo(OrderReason.UNKNOWN);
        assertThat(OrderReasons.of(OrderReason.UNKNOWN, "NOT_HELD"))
                .as("a symbol the Avro reader could not resolve, with a string it can")
                .isEqualTo(OrderReason.NOT_HELD);
    }

    @Test
    void aRecordWithNeitherHasNoReason() {
        assertThat(OrderReasons.of(null, null)).isNull();
    }
}
