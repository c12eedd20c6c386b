package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void theSameBuyerAndKeyNameTheSameOrderAndAnotherKeyAnother() {
        String first = OrderIds.orderIdOf("E1", OrderIds.placeRequestId("E1", "alice", "k-1"));

        assertThat(OrderIds.orderIdOf("E1", OrderIds.placeRequestId("E1", "alice", "k-1")))
                .isEqualTo(first);
        assertThat(OrderIds.orderIdOf("E1", OrderIds.placeRequestId("E1", "alice", "k-2")))
                .isNotEqualTo(first);
        assertThat(OrderIds.orderIdOf("E1", OrderIds.placeRequestId("E1", "bob", "k-1")))
                .isNotEqualTo(first);
    }

    @Test
    void anOrderIdLeadsBackToItsEventEvenWhenTheEventIdHasDotsAndDashes() {
        String orderId =
                OrderIds.orderIdOf("rock-fest.2026_a", OrderIds.placeRequestId("rock-fest.2026_a", "alice", "k"));

        assertThat(OrderIds.parse(orderId)).hasValueSatisfying(ref -> {
            assertThat(ref.eventId()).isEqualTo("rock-fest.2026_a");
            assertThat(ref.orderKey("alice")).isEqualTo("rock-fest.2026_a|alice");
        });
    }

    @Test
    void idsTheEdgeNeverHandsOutAreNotOrders() {
        assertThat(OrderIds.parse("not-an-order")).isEmpty();
        assertThat(OrderIds.parse(":123e4567-e89b-12d3-a456-426614174000")).isEmpty();
        assertThat(OrderIds.parse("E1:123e4567-e89b-12d3-a456-42661417400Z")).isEmpty();
        assertThat(OrderIds.parse(null)).isEmpty();
    }

    @Test
    void withoutAnIdempotencyKeyEveryRequestIsANewOne() {
        assertThat(OrderIds.placeRequestId("E1", "alice", null))
                .isNotEqualTo(OrderIds.placeRequestId("E1", "alice", null));
    }
}
