package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.QueryService;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The edge's check of the per-buyer ticket limit, and of the buyer's release limit (ADR 0018), before an order goes to
 * its section (ADR 0009, ADR 0013): from the buyer's books when this instance keeps them. When another instance keeps
 * them, or nobody can answer right now, the order goes on and the books enforce both after the decision; an instance
 * never waits on another for this.
 */
@Component
class BuyerTickets {

    private static final Set<OrderStatus> LIVE = EnumSet.of(OrderStatus.PLACING, OrderStatus.HELD, OrderStatus.CONFIRMING,
            OrderStatus.CONFIRMED);

    private final QueryService queries;
    private final EventCatalog catalog;
    private final Clock clock;

    BuyerTickets(QueryService queries, EventCatalog catalog, Clock clock) {
        this.queries = queries;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Where an order for one section goes (ADR 0013). */
    enum Route {
        /** Decided and answered at its section: the common case. */
        SECTION,
        /**
         * Through its section, which notes it, to the books, which refuse it: the buyer is at the ticket limit, or gave up
         * too many held orders lately (RELEASE_LIMIT).
         */
        SECTION_TO_BOOKS,
        /** To the books, which know the order already (a keyed retry) and answer with where it stands. */
        BOOKS
    }

    /**
     * The way of order {@code orderId} for {@code tickets} of one section, as far as this instance can tell. Every new
     * order passes its section, which remembers it, so that a retry arriving at any edge is never decided a second
     * time beside the first decision; only an order the books know already goes to them directly. The order itself is
     * not counted toward the limit. When another instance keeps the books, or nobody can answer right now, the order
     * goes to its section and the books enforce the limit after the decision.
     */
    Route route(String eventId, String buyerId, String orderId, int tickets) {
        int limit = catalog.index(eventId).map(event -> event.config().getPerBuyerLimit()).orElse(Integer.MAX_VALUE);
        Answer<Optional<BuyerOrders>> books = queries.queries().orders(eventId, buyerId);
        if (!(books instanceof Answer.Local<Optional<BuyerOrders>> local) || local.value().isEmpty()) {
            return Route.SECTION;
        }
        return route(local.value().get(), orderId, tickets, limit, clock.instant());
    }

    static Route route(BuyerOrders books, String orderId, int tickets, int limit, Instant now) {
        if (books.getOrders().stream().anyMatch(order -> order.getOrderId().equals(orderId))) {
            return Route.BOOKS;
        }
        boolean refused = live(books, orderId) + tickets > limit
                || ReleasePolicy.holdsRefusedUntil(books.getReleases(), now).isPresent();
        return refused ? Route.SECTION_TO_BOOKS : Route.SECTION;
    }

    /** Tickets of the buyer's live orders, {@code except} that one. */
    static int live(BuyerOrders books, String except) {
        return books.getOrders().stream().filter(order -> LIVE.contains(order.getStatus()))
                .filter(order -> !order.getOrderId().equals(except)).mapToInt(OrderState::getQuantity).sum();
    }
}
