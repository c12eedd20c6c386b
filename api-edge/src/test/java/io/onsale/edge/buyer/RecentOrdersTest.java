package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A keyed retry is answered with its placement's committed answer only while nothing has happened to the order since. */
class RecentOrdersTest {

    private final RecentOrders recent = new RecentOrders(Clock.systemUTC());

    @Test
    void thePlacementsAnswerWhileItIsTheLastAboutItsOrder() {
        recent.remember(answer("place:E1:alice:k1", OrderEventType.HELD, "alice"));

        assertThat(recent.placed("o1", "place:E1:alice:k1", "alice"))
                .get()
                .extracting(OrderEvent::getType)
                .isEqualTo(OrderEventType.HELD);
        assertThat(recent.placed("o1", "place:E1:alice:k2", "alice"))
                .as("another key")
                .isEmpty();
        assertThat(recent.placed("o1", "place:E1:alice:k1", "bob"))
                .as("another buyer")
                .isEmpty();

        recent.remember(answer("confirm:pay-1", OrderEventType.CONFIRMED, "alice"));
        assertThat(recent.placed("o1", "place:E1:alice:k1", "alice"))
                .as("paid since: the engine answers the retry, not this copy")
                .isEmpty();
    }

    private static OrderEvent answer(String requestId, OrderEventType type, String buyerId) {
        return OrderEvent.newBuilder()
                .setRequestId(requestId)
                .setType(type)
                .setOrderId("o1")
                .setEventId("E1")
                .setBuyerId(buyerId)
                .setDecidedAt(Instant.parse("2026-12-03T10:00:00Z"))
                .build();
    }
}
