package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.compat.OrderReasons;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderReason;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Turns the engine's committed answer to an order command into the HTTP answer. Business refusals are a 409
 * problem with the engine's {@code reason} and the alternatives it offers; a refusal that means the request
 * itself was wrong is 422 (or 404 for an order or event that does not exist); "not decided yet" is 202 with the
 * order's status URL.
 */
public final class OrderAnswers {

    /** Seconds a client should wait before asking again about an order that is not decided yet. */
    static final int RETRY_AFTER_SECONDS = 1;

    private OrderAnswers() {}

    static String statusUrl(String orderId) {
        return "/api/orders/" + orderId;
    }

    /** 202: retry with the same Idempotency-Key, or read the order at its status URL. */
    public static ResponseEntity<Object> pending(String orderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "PENDING");
        body.put("orderId", orderId);
        body.put("statusUrl", statusUrl(orderId));
        body.put("retryAfterSeconds", RETRY_AFTER_SECONDS);
        body.put("detail", "Not decided yet: retry with the same Idempotency-Key, or read the order at its statusUrl.");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .location(URI.create(statusUrl(orderId)))
                .body(body);
    }

    /** The answer to a PLACE: 201 with the order when it got its tickets, else a problem. */
    static ResponseEntity<Object> placed(OrderEvent answer, EventIndex event, Instant now) {
        OrderEventType type = answer.getType();
        if (type == OrderEventType.HELD || type == OrderEventType.CONFIRMED) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create(statusUrl(answer.getOrderId())))
                    .body(OrderView.of(answer, event));
        }
        throw refusal(answer, event, now);
    }

    /**
     * A retried PLACE answered from the order as it is kept now: 202 while undecided, the refusal (with its
     * alternatives) when refused, else 201 with the order, whatever became of it since (paid, expired, cancelled).
     */
    static ResponseEntity<Object> replayed(OrderView order) {
        switch (order.status()) {
            case "PLACING":
                return pending(order.orderId());
            case "REJECTED":
                String reason = order.reason() == null ? "UNKNOWN" : order.reason();
                throw new ApiProblem(
                                HttpStatus.CONFLICT,
                                reason.toLowerCase().replace('_', '-'),
                                "Not available",
                                "Order " + order.orderId() + " was refused: " + reason + "; nothing was held.")
                        .with("reason", reason)
                        .with("orderId", order.orderId())
                        .with(
                                "alternatives",
                                order.alternatives() == null ? java.util.List.of() : order.alternatives());
            default:
                return ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create(statusUrl(order.orderId())))
                        .body(order);
        }
    }

    /** The answer to a CANCEL: 200 CANCELLED, else a problem. */
    static ResponseEntity<Object> cancelled(OrderEvent answer, EventIndex event, Instant now) {
        if (answer.getType() == OrderEventType.CANCELLED) {
            return ResponseEntity.ok(OrderView.of(answer, event));
        }
        throw refusal(answer, event, now);
    }

    /** The answer to a CONFIRM: 200 CONFIRMED, else a problem. */
    static ResponseEntity<Object> confirmed(OrderEvent answer, EventIndex event, Instant now) {
        if (answer.getType() == OrderEventType.CONFIRMED) {
            return ResponseEntity.ok(OrderView.of(answer, event));
        }
        throw refusal(answer, event, now);
    }

    /**
     * A refusal that says when the buyer may hold again (RELEASE_LIMIT, RELEASE_COOLDOWN; ADR 0018) carries it as
     * {@code retryAt} and, counted from {@code now}, as {@code retryAfterSeconds} and {@code Retry-After}.
     */
    public static ApiProblem refusal(OrderEvent answer, EventIndex event, Instant now) {
        Refused refused = refusedFor(answer);
        HttpStatus status = refused.status();
        String title = status == HttpStatus.CONFLICT
                ? "Not available"
                : status == HttpStatus.NOT_FOUND ? "Not found" : "Unprocessable request";
        ApiProblem problem = new ApiProblem(
                        status, refused.reason().toLowerCase().replace('_', '-'), title, refused.detail())
                .with("reason", refused.reason())
                .with("orderId", answer.getOrderId())
                .with("alternatives", OrderView.alternatives(event, answer.getAlternatives(), answer.getCurrency()));
        Instant retryAt = answer.getType() == OrderEventType.REJECTED ? answer.getRetryAt() : null;
        if (retryAt != null && retryAt.isAfter(now)) {
            long waitMillis = Duration.between(now, retryAt).toMillis();
            problem.with("retryAt", retryAt.toString())
                    .with("retryAfterSeconds", Math.max(1, (waitMillis + 999) / 1000));
        }
        return problem;
    }

    /** What the buyer reads: {@code reason} in the problem, its status, and a sentence. */
    private record Refused(String reason, HttpStatus status, String detail) {}

    private static Refused refusedFor(OrderEvent answer) {
        OrderReason reason = OrderReasons.of(answer);
        return switch (answer.getType()) {
            case REJECTED, UNKNOWN -> refusedFor(reason == null ? OrderReason.UNKNOWN : reason, answer);
            case EXPIRED -> refusedFor(reason == null ? OrderReason.HOLD_EXPIRED : reason, answer);
            case CONFIRMED -> refusedFor(OrderReason.ALREADY_CONFIRMED, answer);
            case CANCELLED ->
                new Refused("CANCELLED", HttpStatus.CONFLICT, "Order " + answer.getOrderId() + " was cancelled.");
            case HELD ->
                new Refused("ALREADY_HELD", HttpStatus.CONFLICT, "Order " + answer.getOrderId() + " is already held.");
        };
    }

    /** Every reason has its sentence: a reason added to the contract does not compile here until it has one. */
    private static Refused refusedFor(OrderReason reason, OrderEvent answer) {
        String detail = switch (reason) {
            case SEAT_TAKEN -> "A seat of this order was taken by another buyer a moment earlier; nothing was held.";
            case SOLD_OUT -> "Sold out: nothing was held.";
            case INSUFFICIENT_CAPACITY -> "Fewer tickets are left than you asked for; nothing was held.";
            case NOT_ON_SALE -> "The sale has not opened yet.";
            case KILLED -> "A unit of this order is not on sale.";
            case UNKNOWN_UNIT -> "A unit of this order is not part of the event (yet).";
            case UNKNOWN_HOLD -> "The hold this order asked about is not known to its unit.";
            case HOLD_EXPIRED -> "The hold of order " + answer.getOrderId() + " expired; its tickets were released.";
            case INVALID_COMMAND -> "The engine could not take this order as it was asked.";
            case RELEASE_COOLDOWN ->
                "You gave up a hold of a seat of this order less than "
                        + ReleasePolicy.SEAT_COOLDOWN.toMinutes()
                        + " minutes ago; other buyers may take it first, and you can hold it again "
                        + when(answer) + " if it is still free. Nothing was held.";
            case BUYER_LIMIT ->
                "This order would take you over the event's per-buyer limit, counting your" + " live orders.";
            case RELEASE_LIMIT ->
                "You gave up " + ReleasePolicy.RELEASE_LIMIT
                        + " held orders of this event (cancelled or let them expire) within "
                        + ReleasePolicy.RELEASE_WINDOW.toMinutes() + " minutes; you can hold tickets again "
                        + when(answer) + ".";
            case UNKNOWN_EVENT -> "There is no event '" + answer.getEventId() + "'.";
            case UNKNOWN_ORDER -> "You have no order '" + answer.getOrderId() + "'.";
            case NOT_HELD -> "Order " + answer.getOrderId() + " is not held (yet).";
            case PAYMENT_IN_PROGRESS ->
                "A payment for order " + answer.getOrderId() + " is in progress; it cannot be cancelled now.";
            case ALREADY_CONFIRMED -> "Order " + answer.getOrderId() + " is already confirmed.";
            case UNKNOWN ->
                "The engine refused the order: " + (answer.getReason() == null ? "no reason given" : answer.getReason())
                        + ".";
        };
        HttpStatus status = switch (reason) {
            case UNKNOWN_UNIT, INVALID_COMMAND -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNKNOWN_ORDER, UNKNOWN_EVENT -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
        return new Refused(reason.name(), status, detail);
    }

    private static String when(OrderEvent answer) {
        return answer.getRetryAt() == null ? "shortly" : "from " + answer.getRetryAt();
    }
}
