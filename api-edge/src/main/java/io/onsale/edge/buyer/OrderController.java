package io.onsale.edge.buyer;

import static io.onsale.edge.buyer.BooksCatchingUp.afterCatchingUp;

import io.onsale.edge.buyer.BooksCatchingUp.BooksBehind;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.AnswerTiming;
import io.onsale.edge.platform.EdgeHeaders;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.queue.LapsedAdmission;
import io.onsale.edge.security.KeyParts;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Buyers place, read and cancel their orders here. Everything the catalogue can refuse (malformed body, unknown
 * event, seat or section, quantity out of range) is refused before anything is produced; everything else is
 * decided by the order engine and answered from its committed answer: 201 held, 409 with the reason and
 * alternatives, or 202 while still pending. The buyer is always the token's subject, so an order of someone else
 * is never found. Answers are {@code ResponseEntity<Object>} (an order or a problem), so each method names its
 * success body for the API document; the other answers are in {@code docs/EdgeApiContract}.
 */
@RestController
class OrderController {

    static final String SERVER_TIMING = "Server-Timing";

    private final EventCatalog catalog;
    private final OrderGateway orders;
    private final QueryService queries;
    private final RecentOrders recent;
    private final Clock clock;

    OrderController(EventCatalog catalog, OrderGateway orders, QueryService queries, RecentOrders recent, Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.queries = queries;
        this.recent = recent;
        this.clock = clock;
    }

    @ApiResponse(
            responseCode = "201",
            description = "HELD",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @PostMapping("/api/events/{eventId}/orders")
    Mono<ResponseEntity<Object>> place(
            @PathVariable String eventId,
            @RequestBody OrderRequest request,
            @RequestHeader(name = EdgeHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @AuthenticationPrincipal Jwt buyer,
            ServerWebExchange exchange) {
        refuseInvalidKey(idempotencyKey);
        EventIndex event = catalog.index(eventId).orElseThrow(() -> EventController.unknownEvent(eventId));
        OrderPlacement placement = OrderPlacement.resolve(event, request);
        Optional<ApiProblem> lapsed = LapsedAdmission.of(exchange);
        if (lapsed.isPresent()) {
            return replay(
                    eventId, buyer.getSubject(), idempotencyKey, event, request, exchange.getRequest(), lapsed.get());
        }
        return orders.place(eventId, buyer.getSubject(), idempotencyKey, placement)
                .map(outcome -> {
                    if (outcome.timing() != null) {
                        // Where this buyer's wait went (bench latency reads it); set before a refusal is thrown, too.
                        exchange.getResponse()
                                .getHeaders()
                                .set(SERVER_TIMING, outcome.timing().serverTiming(AnswerTiming.nowMicros()));
                    }
                    return outcome.pending()
                            ? OrderAnswers.pending(outcome.orderId())
                            : OrderAnswers.placed(outcome.answer(), event, clock.instant());
                });
    }

    /** A key becomes part of the request id and the payment id ({@link KeyParts}): no separators, at most 128 characters. */
    static boolean validKey(String idempotencyKey) {
        return KeyParts.valid(idempotencyKey);
    }

    /** Also the pay endpoint's, through {@link OrderLookup#refuseInvalidKey}. */
    static void refuseInvalidKey(String idempotencyKey) {
        if (idempotencyKey != null) {
            KeyParts.problem(idempotencyKey).ifPresent(problem -> {
                throw ApiProblem.badRequest(
                        "invalid-idempotency-key",
                        "The Idempotency-Key header " + problem + ": send 1 to " + KeyParts.MAX_LENGTH
                                + " characters without ':', '|' or control characters.");
            });
        }
    }

    /**
     * A keyed order whose purchase window has ended since: the answer to the order placed under that key within the
     * window (read where the buyer's orders are kept), or the admission refusal when there is none. Places nothing.
     */
    private Mono<ResponseEntity<Object>> replay(
            String eventId,
            String buyerId,
            String idempotencyKey,
            EventIndex event,
            OrderRequest body,
            ServerHttpRequest request,
            ApiProblem lapsed) {
        String orderId = OrderIds.orderIdOf(eventId, OrderIds.placeRequestId(eventId, buyerId, idempotencyKey));
        return queries.route(
                () -> queries.queries().orders(eventId, buyerId),
                request,
                body,
                books -> Mono.fromSupplier(() -> OrderView.of(books.orElse(null), orderId, event)
                        .map(OrderAnswers::replayed)
                        .orElseThrow(() -> lapsed)));
    }

    @ApiResponse(
            responseCode = "200",
            description = "The order",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @GetMapping("/api/orders/{orderId}")
    Mono<ResponseEntity<Object>> order(
            @PathVariable String orderId, @AuthenticationPrincipal Jwt buyer, ServerHttpRequest request) {
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> unknownOrder(orderId));
        return afterCatchingUp(Mono.defer(() ->
                queries.answer(() -> queries.queries().orders(ref.eventId(), buyer.getSubject()), request, books -> {
                    EventIndex event = catalog.index(ref.eventId()).orElse(null);
                    Optional<OrderView> kept = OrderView.of(books.orElse(null), orderId, event);
                    if (kept.isPresent()) {
                        return ResponseEntity.<Object>ok(kept.get());
                    }
                    // Told 201 a moment ago by its section; the books have not taken it in yet.
                    return recent.of(orderId, buyer.getSubject())
                            .map(answer -> ResponseEntity.<Object>ok(OrderView.of(answer, event)))
                            .orElseThrow(() -> new BooksBehind(() -> Mono.error(unknownOrder(orderId))));
                })));
    }

    /**
     * Runs where the buyer's orders are kept (forwarded there), and produces the CANCEL only for an order the buyer has:
     * another buyer's order, an order of an event that does not exist, an id nobody handed out are 404 with nothing
     * produced, as a read of them is. Told 201 a moment ago by its section, the books not there yet: cancelled all the
     * same.
     */
    @ApiResponse(
            responseCode = "200",
            description = "CANCELLED",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @DeleteMapping("/api/orders/{orderId}")
    Mono<ResponseEntity<Object>> cancel(
            @PathVariable String orderId, @AuthenticationPrincipal Jwt buyer, ServerHttpRequest request) {
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> unknownOrder(orderId));
        // No event, no order: refused here, so made-up ids cost the books nothing (a CANCEL per id was produced
        // before).
        EventIndex event = catalog.index(ref.eventId()).orElseThrow(() -> unknownOrder(orderId));
        return afterCatchingUp(Mono.defer(() -> queries.route(
                () -> queries.queries().orders(ref.eventId(), buyer.getSubject()), request, null, books -> {
                    boolean theirs =
                            OrderView.of(books.orElse(null), orderId, event).isPresent()
                                    || recent.of(orderId, buyer.getSubject()).isPresent();
                    if (!theirs) {
                        return Mono.error(new BooksBehind(() -> Mono.error(unknownOrder(orderId))));
                    }
                    return orders.cancel(ref, buyer.getSubject())
                            .map(outcome -> outcome.pending()
                                    ? OrderAnswers.pending(outcome.orderId())
                                    : OrderAnswers.cancelled(outcome.answer(), event, clock.instant()));
                })));
    }

    static ApiProblem unknownOrder(String orderId) {
        // The same answer whether the order does not exist or is someone else's: ids are not to be probed.
        return ApiProblem.notFound("unknown-order", "You have no order '" + orderId + "'.");
    }
}
