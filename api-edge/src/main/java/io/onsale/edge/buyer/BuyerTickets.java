package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.QueryService;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The edge's check of the per-buyer ticket limit, and of the buyer's release limit (ADR 0018), before an order goes to
 * its section (ADR 0009, ADR 0013): from the buyer's books when this instance keeps them. When another instance keeps
 * them, or nobody can answer right now, the order goes on and the books enforce both after the decision; an instance
 * never waits on another for this. Orders this instance answered HELD count too until the books show them
 * ({@link UnbookedHolds}).
 */
@Component
class BuyerTickets {

    private static final Set<OrderStatus> LIVE =
            EnumSet.of(OrderStatus.PLACING, OrderStatus.HELD, OrderStatus.CONFIRMING, OrderStatus.CONFIRMED);

    /** Far beyond the one hop the books are behind the section, even in a burst. */
    static final Duration UNBOOKED_HORIZON = Duration.ofSeconds(30);

    private final QueryService queries;
    private final EventCatalog catalog;
    private final Clock clock;
    private final UnbookedHolds unbooked;

    BuyerTickets(QueryService queries, EventCatalog catalog, Clock clock) {
        this.queries = queries;
        this.catalog = catalog;
        this.clock = clock;
        this.unbooked = new UnbookedHolds(UNBOOKED_HORIZON, clock);
    }

    /** The buyer was answered HELD here for {@code tickets} of order {@code orderId}. */
    void held(String eventId, String buyerId, String orderId, int tickets) {
        unbooked.held(eventId, buyerId, orderId, tickets);
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
        int limit = catalog.index(eventId)
                .map(event -> event.config().getPerBuyerLimit())
                .orElse(Integer.MAX_VALUE);
        Answer<Optional<BuyerOrders>> answer = queries.queries().orders(eventId, buyerId);
        BuyerOrders books = answer instanceof Answer.Local<Optional<BuyerOrders>> local
                ? local.value().orElse(null)
                : null;
        int answeredHere = unbooked.tickets(
                eventId, buyerId, orderId, books == null ? order -> false : order -> booked(books, order));
        return route(books, orderId, tickets + answeredHere, limit, clock.instant());
    }

    /**
     * @param books   the buyer's books, {@code null} when this instance cannot see them
     * @param tickets the order's tickets and those of the buyer's holds the books do not show yet
     */
    static Route route(BuyerOrders books, String orderId, int tickets, int limit, Instant now) {
        if (books == null) {
            return tickets > limit ? Route.SECTION_TO_BOOKS : Route.SECTION;
        }
        if (booked(books, orderId)) {
            return Route.BOOKS;
        }
        boolean refused = live(books, orderId) + tickets > limit
                || ReleasePolicy.holdsRefusedUntil(books.getReleases(), now).isPresent();
        return refused ? Route.SECTION_TO_BOOKS : Route.SECTION;
    }

    private static boolean booked(BuyerOrders books, String orderId) {
        return books.getOrders().stream().anyMatch(order -> order.getOrderId().equals(orderId));
    }

    /** Tickets of the buyer's live orders, {@code except} that one. */
    static int live(BuyerOrders books, String except) {
        return books.getOrders().stream()
                .filter(order -> LIVE.contains(order.getStatus()))
                .filter(order -> !order.getOrderId().equals(except))
                .mapToInt(OrderState::getQuantity)
                .sum();
    }
}
