package io.onsale.edge.buyer;

import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.AnswerTiming;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.queue.LapsedAdmission;
import java.time.Duration;
import java.util.Optional;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
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
import reactor.util.retry.Retry;

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

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String SERVER_TIMING = "Server-Timing";
    /**
     * An order answered by its section reaches its buyer's books a moment later (ADR 0009): a read that finds no such
     * order asks again a few times before it answers 404.
     */
    static final Retry BOOKS_CATCHING_UP = Retry.fixedDelay(8, Duration.ofMillis(25))
            .filter(error -> error instanceof ApiProblem problem && problem.status() == HttpStatus.NOT_FOUND)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());

    private final EventCatalog catalog;
    private final OrderGateway orders;
    private final QueryService queries;
    private final PaymentFlow payments;

    OrderController(EventCatalog catalog, OrderGateway orders, QueryService queries, PaymentFlow payments) {
        this.catalog = catalog;
        this.orders = orders;
        this.queries = queries;
        this.payments = payments;
    }

    @ApiResponse(responseCode = "201", description = "HELD", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @PostMapping("/api/events/{eventId}/orders")
    Mono<ResponseEntity<Object>> place(@PathVariable String eventId, @RequestBody OrderRequest request,
                                       @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                       @AuthenticationPrincipal Jwt buyer, ServerWebExchange exchange) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
            throw ApiProblem.badRequest("invalid-idempotency-key", "The Idempotency-Key header must be 1 to 128 characters.");
        }
        EventIndex event = catalog.index(eventId).orElseThrow(() -> EventController.unknownEvent(eventId));
        OrderPlacement placement = OrderPlacement.resolve(event, request);
        Optional<ApiProblem> lapsed = LapsedAdmission.of(exchange);
        if (lapsed.isPresent()) {
            return replay(eventId, buyer.getSubject(), idempotencyKey, event, request, exchange.getRequest(), lapsed.get());
        }
        return orders.place(eventId, buyer.getSubject(), idempotencyKey, placement)
                .map(outcome -> {
                    if (outcome.timing() != null) {
                        // Where this buyer's wait went (bench latency reads it); set before a refusal is thrown, too.
                        exchange.getResponse().getHeaders().set(SERVER_TIMING,
                                outcome.timing().serverTiming(AnswerTiming.nowMicros()));
                    }
                    return outcome.pending() ? OrderAnswers.pending(outcome.orderId())
                            : OrderAnswers.placed(outcome.answer(), event);
                });
    }

    /**
     * A keyed order whose purchase window has ended since: the answer to the order placed under that key within the
     * window (read where the buyer's orders are kept), or the admission refusal when there is none. Places nothing.
     */
    private Mono<ResponseEntity<Object>> replay(String eventId, String buyerId, String idempotencyKey, EventIndex event,
                                                OrderRequest body, ServerHttpRequest request, ApiProblem lapsed) {
        String orderId = OrderIds.orderIdOf(eventId, OrderIds.placeRequestId(eventId, buyerId, idempotencyKey));
        return queries.route(() -> queries.queries().orders(eventId, buyerId), request, body,
                books -> Mono.fromSupplier(() -> OrderView.of(books.orElse(null), orderId, event)
                        .map(OrderAnswers::replayed).orElseThrow(() -> lapsed)));
    }

    @ApiResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @GetMapping("/api/orders/{orderId}")
    Mono<ResponseEntity<Object>> order(@PathVariable String orderId, @AuthenticationPrincipal Jwt buyer,
                                       ServerHttpRequest request) {
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> unknownOrder(orderId));
        return Mono.defer(() -> queries.answer(() -> queries.queries().orders(ref.eventId(), buyer.getSubject()), request,
                books -> ResponseEntity.<Object>ok(OrderView.of(books.orElse(null), orderId, catalog.index(ref.eventId()).orElse(null))
                        .orElseThrow(() -> unknownOrder(orderId))))).retryWhen(BOOKS_CATCHING_UP);
    }

    @ApiResponse(responseCode = "200", description = "CANCELLED", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @DeleteMapping("/api/orders/{orderId}")
    Mono<ResponseEntity<Object>> cancel(@PathVariable String orderId, @AuthenticationPrincipal Jwt buyer) {
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> unknownOrder(orderId));
        EventIndex event = catalog.index(ref.eventId()).orElse(null);
        return orders.cancel(ref, buyer.getSubject())
                .map(outcome -> outcome.pending() ? OrderAnswers.pending(outcome.orderId())
                        : OrderAnswers.cancelled(outcome.answer(), event));
    }

    /** Runs on the instance that holds the buyer's orders (forwarded there with its body), so it pays what is held. */
    @ApiResponse(responseCode = "200", description = "CONFIRMED", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @PostMapping("/api/orders/{orderId}/payment")
    Mono<ResponseEntity<Object>> pay(@PathVariable String orderId, @RequestBody PaymentRequest payment,
                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                     @AuthenticationPrincipal Jwt buyer, ServerHttpRequest request) {
        if (payment.paymentMethod() == null || payment.paymentMethod().isBlank()) {
            throw ApiProblem.badRequest("invalid-payment", "\"paymentMethod\" is required.");
        }
        OrderRef ref = OrderIds.parse(orderId).orElseThrow(() -> unknownOrder(orderId));
        // Nothing is charged before the order is found, so asking again while its books catch up is safe.
        return Mono.defer(() -> queries.route(() -> queries.queries().orders(ref.eventId(), buyer.getSubject()), request,
                payment, books -> {
                    EventIndex event = catalog.index(ref.eventId()).orElse(null);
                    return payments.pay(ref, buyer.getSubject(), OrderView.of(books.orElse(null), orderId, event).orElse(null),
                            event, payment.paymentMethod(), idempotencyKey);
                })).retryWhen(BOOKS_CATCHING_UP);
    }

    static ApiProblem unknownOrder(String orderId) {
        // The same answer whether the order does not exist or is someone else's: ids are not to be probed.
        return ApiProblem.notFound("unknown-order", "You have no order '" + orderId + "'.");
    }
}
