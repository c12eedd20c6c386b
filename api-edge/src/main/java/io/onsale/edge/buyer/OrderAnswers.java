package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> REQUEST_WAS_WRONG = Set.of("UNKNOWN_UNIT", "INVALID_COMMAND");
    private static final Set<String> DOES_NOT_EXIST = Set.of("UNKNOWN_ORDER", "UNKNOWN_EVENT");

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
        String reason = reasonOf(answer);
        HttpStatus status = REQUEST_WAS_WRONG.contains(reason)
                ? HttpStatus.UNPROCESSABLE_CONTENT
                : DOES_NOT_EXIST.contains(reason) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        String title = status == HttpStatus.CONFLICT
                ? "Not available"
                : status == HttpStatus.NOT_FOUND ? "Not found" : "Unprocessable request";
        ApiProblem problem = new ApiProblem(
                        status, reason.toLowerCase().replace('_', '-'), title, explain(reason, answer))
                .with("reason", reason)
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

    private static String reasonOf(OrderEvent answer) {
        switch (answer.getType()) {
            case EXPIRED:
                return answer.getReason() == null ? "HOLD_EXPIRED" : answer.getReason();
            case CANCELLED:
                return "CANCELLED";
            case HELD:
                return "ALREADY_HELD";
            case CONFIRMED:
                return "ALREADY_CONFIRMED";
            default:
                return answer.getReason() == null ? "UNKNOWN" : answer.getReason();
        }
    }

    private static String when(OrderEvent answer) {
        return answer.getRetryAt() == null ? "shortly" : "from " + answer.getRetryAt();
    }

    private static String explain(String reason, OrderEvent answer) {
        switch (reason) {
            case "SEAT_TAKEN":
                return "A seat of this order was taken by another buyer a moment earlier; nothing was held.";
            case "SOLD_OUT":
                return "Sold out: nothing was held.";
            case "INSUFFICIENT_CAPACITY":
                return "Fewer tickets are left than you asked for; nothing was held.";
            case "NOT_ON_SALE":
                return "The sale has not opened yet.";
            case "KILLED":
                return "A unit of this order is not on sale.";
            case "UNKNOWN_UNIT":
                return "A unit of this order is not part of the event (yet).";
            case "HOLD_EXPIRED":
                return "The hold of order " + answer.getOrderId() + " expired; its tickets were released.";
            case "BUYER_LIMIT":
                return "This order would take you over the event's per-buyer limit, counting your live orders.";
            case "RELEASE_LIMIT":
                return "You gave up " + ReleasePolicy.RELEASE_LIMIT
                        + " held orders of this event (cancelled or let them "
                        + "expire) within " + ReleasePolicy.RELEASE_WINDOW.toMinutes()
                        + " minutes; you can hold tickets "
                        + "again " + when(answer) + ".";
            case "RELEASE_COOLDOWN":
                return "You gave up a hold of a seat of this order less than " + ReleasePolicy.SEAT_COOLDOWN.toMinutes()
                        + " minutes ago; other buyers may take it first, and you can hold it again " + when(answer)
                        + " if it is still free. Nothing was held.";
            case "UNKNOWN_EVENT":
                return "There is no event '" + answer.getEventId() + "'.";
            case "UNKNOWN_ORDER":
                return "You have no order '" + answer.getOrderId() + "'.";
            case "NOT_HELD":
                return "Order " + answer.getOrderId() + " is not held (yet).";
            case "PAYMENT_IN_PROGRESS":
                return "A payment for order " + answer.getOrderId() + " is in progress; it cannot be cancelled now.";
            case "ALREADY_CONFIRMED":
                return "Order " + answer.getOrderId() + " is already confirmed.";
            case "CANCELLED":
                return "Order " + answer.getOrderId() + " was cancelled.";
            default:
                return "The engine refused the order: " + reason + ".";
        }
    }
}
