package io.onsale.edge.buyer;

import static io.onsale.edge.buyer.BooksCatchingUp.afterCatchingUp;

import io.onsale.edge.buyer.BooksCatchingUp.BooksBehind;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.QueryService;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A buyer's order for another feature's endpoint that acts on it (payment's pay endpoint), refused and found as the
 * order endpoints refuse and find it: an {@code Idempotency-Key} the edge's ids cannot take is 400, an id nobody handed
 * out or someone else's order 404 {@code unknown-order}; the order is read where the buyer's orders are kept (the
 * request forwarded there with its body), as the buyer was last told it is ({@link RecentOrders} while the books catch
 * up, ADR 0009). The one way into buyer's orders from outside the package, so the rest stays package-private and the
 * dependency runs one way: the acting feature depends on buyer, never the reverse.
 */
@Component
public class OrderLookup {

    /** What the other endpoint does with the order once found, on the instance that keeps the buyer's orders. */
    @FunctionalInterface
    public interface OrderAction {
        Mono<ResponseEntity<Object>> on(OrderRef ref, OrderView order, EventIndex event);
    }

    private final EventCatalog catalog;
    private final QueryService queries;
    private final RecentOrders recent;

    OrderLookup(EventCatalog catalog, QueryService queries, RecentOrders recent) {
        this.catalog = catalog;
        this.queries = queries;
        this.recent = recent;
    }

    /** 400 {@code invalid-idempotency-key}, as for an order, when {@code idempotencyKey} is sent and not one. */
    public static void refuseInvalidKey(String idempotencyKey) {
        OrderController.refuseInvalidKey(idempotencyKey);
    }

    /**
     * Runs {@code action} on the buyer's order {@code orderId} where their orders are kept ({@code request} forwarded
     * there with {@code body}): the order as the books have it or, while they do not have it yet or still show it
     * being placed, as its section last answered the buyer. Not found, or still being placed, it is asked again while
     * the books catch up, then acted on as found, or answered 404. Nothing is acted on before the order is found, so
     * asking again is safe and {@code action} runs once. An id nobody hands out is refused (404) at once.
     */
    public Mono<ResponseEntity<Object>> act(
            String orderId, String buyerId, ServerHttpRequest request, Object body, OrderAction action) {
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> OrderController.unknownOrder(orderId));
        return afterCatchingUp(Mono.defer(() ->
                queries.route(() -> queries.queries().orders(ref.eventId(), buyerId), request, body, books -> {
                    EventIndex event = catalog.index(ref.eventId()).orElse(null);
                    OrderView kept =
                            OrderView.of(books.orElse(null), orderId, event).orElse(null);
                    // Told 201 a moment ago by its section, the books not there yet: act on what the buyer was told
                    // is held.
                    OrderView order = kept != null && !"PLACING".equals(kept.status())
                            ? kept
                            : recent.of(orderId, buyerId)
                                    .map(answer -> OrderView.of(answer, event))
                                    .orElse(kept);
                    Supplier<Mono<ResponseEntity<Object>>> act = () -> order == null
                            ? Mono.error(OrderController.unknownOrder(orderId))
                            : action.on(ref, order, event);
                    if (order == null || "PLACING".equals(order.status())) {
                        return Mono.error(new BooksBehind(act));
                    }
                    return act.get();
                })));
    }
}
