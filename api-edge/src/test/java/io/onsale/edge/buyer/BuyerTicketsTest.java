package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-buyer limit as the edge counts it before routing an order: live orders only, never the order itself; and the
 * release limit (ADR 0018) as the books would decide it.
 */
class BuyerTicketsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:30:00Z");

    private static final BuyerOrders BOOKS = BuyerOrders.newBuilder()
            .setEventId("E1")
            .setBuyerId("alice")
            .setOrders(List.of(
                    order("o1", OrderStatus.HELD, 2),
                    order("o2", OrderStatus.CONFIRMED, 1),
                    order("o3", OrderStatus.REJECTED, 4),
                    order("o4", OrderStatus.PLACING, 1)))
            .build();

    @Test
    void liveTicketsAreHeldConfirmedAndPlacingOrders() {
        assertThat(BuyerTickets.live(BOOKS, null)).isEqualTo(4);
    }

    @Test
    void aRetriedOrderIsNotCountedAgainstItself() {
        assertThat(BuyerTickets.live(BOOKS, "o1"))
                .as("its first try's hold is the retry's own")
                .isEqualTo(2);
        assertThat(BuyerTickets.live(BOOKS, "o9")).isEqualTo(4);
    }

    @Test
    void aNewOrderIsDecidedAtItsSectionWhileItFitsTheLimitAndHandedOnToTheBooksWhenNot() {
        assertThat(BuyerTickets.route(BOOKS, "o9", 2, 6, NOW)).isEqualTo(BuyerTickets.Route.SECTION);
        assertThat(BuyerTickets.route(BOOKS, "o9", 3, 6, NOW))
                .as("4 live + 3 > 6: through the section, which notes it, to the books")
                .isEqualTo(BuyerTickets.Route.SECTION_TO_BOOKS);
    }

    @Test
    void holdsAnsweredHereThatTheBooksDoNotShowYetCountTowardTheLimit() {
        assertThat(BuyerTickets.route(BOOKS, "o9", 2 + 1, 6, NOW))
                .as("4 live + 2 + 1 answered here > 6")
                .isEqualTo(BuyerTickets.Route.SECTION_TO_BOOKS);
        assertThat(BuyerTickets.route(null, "o9", 2 + 4, 4, NOW))
                .as("books not seen here: what was answered here counts")
                .isEqualTo(BuyerTickets.Route.SECTION_TO_BOOKS);
        assertThat(BuyerTickets.route(null, "o9", 2 + 2, 4, NOW)).isEqualTo(BuyerTickets.Route.SECTION);
    }

    @Test
    void anOrderTheBooksKnowAlreadyGoesToTheBooksWhereverItStands() {
        assertThat(BuyerTickets.route(BOOKS, "o1", 2, 10, NOW)).isEqualTo(BuyerTickets.Route.BOOKS);
        assertThat(BuyerTickets.route(BOOKS, "o3", 1, 10, NOW))
                .as("refused by the books before")
                .isEqualTo(BuyerTickets.Route.BOOKS);
        assertThat(BuyerTickets.route(BOOKS, "o4", 1, 10, NOW))
                .as("still being picked for")
                .isEqualTo(BuyerTickets.Route.BOOKS);
    }

    @Test
    void aBuyerWhoGaveUpTooManyHeldOrdersLatelyIsHandedOnToTheBooksWhichRefuseIt() {
        Instant first = NOW.minus(ReleasePolicy.RELEASE_WINDOW).plusSeconds(1);
        BuyerOrders looping = BuyerOrders.newBuilder(BOOKS)
                .setReleases(List.of(first, NOW.minusSeconds(60), NOW.minusSeconds(30)))
                .build();

        assertThat(BuyerTickets.route(looping, "o9", 1, 10, NOW)).isEqualTo(BuyerTickets.Route.SECTION_TO_BOOKS);
        assertThat(BuyerTickets.route(looping, "o9", 1, 10, first.plus(ReleasePolicy.RELEASE_WINDOW)))
                .as("the window freed one")
                .isEqualTo(BuyerTickets.Route.SECTION);
        assertThat(BuyerTickets.route(looping, "o1", 1, 10, NOW))
                .as("a retry is the books' either way")
                .isEqualTo(BuyerTickets.Route.BOOKS);
    }

    private static OrderState order(String orderId, OrderStatus status, int quantity) {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        return OrderState.newBuilder()
                .setOrderId(orderId)
                .setRequestId("place:" + orderId)
                .setStatus(status)
                .setQuantity(quantity)
                .setPlacedAt(at)
                .setUpdatedAt(at)
                .build();
    }
}
