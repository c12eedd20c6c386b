package io.onsale.reservations.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.domain.Order;
import io.onsale.reservations.domain.OrderReason;
import io.onsale.reservations.domain.OrderStatus;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An order's reason on the wire: typed, with the string older readers know beside it, and read from records of both ages. */
class OrderMappingTest {

    private static final Instant AT = Instant.parse("2026-12-04T22:00:00Z");

    @Test
    void theEngineAndTheWireKnowTheSameReasons() {
        assertThat(Arrays.stream(OrderReason.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(io.onsale.schema.order.OrderReason.values())
                        .map(Enum::name)
                        .toList());
        for (OrderReason reason : OrderReason.values()) {
            assertThat(OrderMapping.fromWire(OrderMapping.toWire(reason))).isEqualTo(reason);
        }
    }

    @Test
    void aKeptOrderCarriesItsReasonTypedAndAsTheStringOlderReadersRead() {
        Order refused = Order.builder("o1", "place:o1", OrderStatus.REJECTED, AT)
                .quantity(2)
                .currency("EUR")
                .reason(OrderReason.BUYER_LIMIT)
                .build();

        BuyerOrders kept = OrderMapping.fromOrders("E1", "alice", List.of(refused));

        OrderState state = kept.getOrders().get(0);
        assertThat(state.getReasonCode()).isEqualTo(io.onsale.schema.order.OrderReason.BUYER_LIMIT);
        assertThat(state.getReason()).isEqualTo("BUYER_LIMIT");
        assertThat(OrderMapping.toOrders(kept)).singleElement().isEqualTo(refused);
    }

    @Test
    void anOrderKeptBeforeTheTypedReasonIsReadFromItsString() {
        Order refused = Order.builder("o1", "place:o1", OrderStatus.REJECTED, AT)
                .quantity(1)
                .currency("EUR")
                .reason(OrderReason.RELEASE_LIMIT)
                .build();
        BuyerOrders kept = OrderMapping.fromOrders("E1", "alice", List.of(refused));
        kept.getOrders().get(0).setReasonCode(null);

        assertThat(OrderMapping.toOrders(kept))
                .singleElement()
                .extracting(Order::reason)
                .isEqualTo(OrderReason.RELEASE_LIMIT);
    }
}
