package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.QueryService;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The edge's check of the per-buyer ticket limit before an order goes to its section (ADR 0009): from the buyer's
 * books when this instance keeps them. When another instance keeps them, or nobody can answer right now, the order
 * goes on and the books enforce the limit after the decision; an instance never waits on another for this.
 */
@Component
class BuyerTickets {

    private static final Set<OrderStatus> LIVE = EnumSet.of(OrderStatus.PLACING, OrderStatus.HELD, OrderStatus.CONFIRMING,
            OrderStatus.CONFIRMED);

    private final QueryService queries;
    private final EventCatalog catalog;

    BuyerTickets(QueryService queries, EventCatalog catalog) {
        this.queries = queries;
        this.catalog = catalog;
    }

    /**
     * Whether {@code tickets} more for order {@code orderId} stay within the event's limit, as far as this instance can
     * tell. The order itself is not counted: a keyed retry of an order its section already held must be routed as its
     * first try was (to the section, which answers it again), not counted against itself and sent to the books, which
     * would place the same order a second time beside the first (seen at the medium preset under overload).
     */
    boolean fitsLimit(String eventId, String buyerId, String orderId, int tickets) {
        int limit = catalog.index(eventId).map(event -> event.config().getPerBuyerLimit()).orElse(Integer.MAX_VALUE);
        Answer<Optional<BuyerOrders>> books = queries.queries().orders(eventId, buyerId);
        if (!(books instanceof Answer.Local<Optional<BuyerOrders>> local) || local.value().isEmpty()) {
            return true;
        }
        return live(local.value().get(), orderId) + tickets <= limit;
    }

    /** Tickets of the buyer's live orders, {@code except} that one. */
    static int live(BuyerOrders books, String except) {
        return books.getOrders().stream().filter(order -> LIVE.contains(order.getStatus()))
                .filter(order -> !order.getOrderId().equals(except)).mapToInt(OrderState::getQuantity).sum();
    }
}
