package io.onsale.edge.payment;

import io.onsale.edge.buyer.OrderLookup;
import io.onsale.edge.buyer.OrderView;
import io.onsale.edge.platform.EdgeHeaders;
import io.onsale.edge.problem.ApiProblem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Buyers pay their held orders here: the payment method is checked before anything is read, the order is found as the
 * order endpoints find it (buyer's {@link OrderLookup}: where the buyer's orders are kept, as the buyer was last told
 * it is, 404 {@code unknown-order} for someone else's), and {@link PaymentFlow} pays it. The answer is
 * {@code ResponseEntity<Object>} (an order or a problem); the other answers are in {@code docs/EdgeApiContract}.
 */
@RestController
class PaymentController {

    private final OrderLookup orders;
    private final PaymentFlow payments;

    PaymentController(OrderLookup orders, PaymentFlow payments) {
        this.orders = orders;
        this.payments = payments;
    }

    /** Runs on the instance that holds the buyer's orders (forwarded there with its body), so it pays what is held. */
    @ApiResponse(
            responseCode = "200",
            description = "CONFIRMED",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @PostMapping("/api/orders/{orderId}/payment")
    Mono<ResponseEntity<Object>> pay(
            @PathVariable String orderId,
            @RequestBody PaymentRequest payment,
            @RequestHeader(name = EdgeHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @AuthenticationPrincipal Jwt buyer,
            ServerHttpRequest request) {
        OrderLookup.refuseInvalidKey(idempotencyKey);
        if (payment.paymentMethod() == null || payment.paymentMethod().isBlank()) {
            throw ApiProblem.badRequest("invalid-payment", "\"paymentMethod\" is required.");
        }
        // Nothing is charged before the order is found, so asking again while its books catch up is safe.
        return orders.act(
                orderId,
                buyer.getSubject(),
                request,
                payment,
                (ref, order, event) ->
                        payments.pay(ref, buyer.getSubject(), order, event, payment.paymentMethod(), idempotencyKey));
    }
}
