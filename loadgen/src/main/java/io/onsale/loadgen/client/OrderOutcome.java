package io.onsale.loadgen.client;

import java.time.Duration;

/**
 * The edge's answer to placing or cancelling an order, one type per kind of answer so a caller handles each one:
 * the tickets are held (or the cancel done), the engine refused with a reason, the decision is still pending, or
 * the request failed (any other status).
 */
public sealed interface OrderOutcome
        permits OrderOutcome.Decided, OrderOutcome.Refused, OrderOutcome.Pending, OrderOutcome.Failed {

    /** HTTP status of the answer. */
    int status();

    /** 201 (placed: HELD) or 200 (cancelled: CANCELLED). */
    record Decided(int status, Order order) implements OrderOutcome {}

    /** 409: the engine's {@code reason} and the {@code alternatives} it offers. */
    record Refused(int status, Problem problem) implements OrderOutcome {
        public String reason() {
            return problem.reason() == null ? "UNKNOWN" : problem.reason();
        }
    }

    /** 202: not decided yet; ask again with the same Idempotency-Key after {@code retryAfter}. */
    record Pending(int status, String orderId, String statusUrl, Duration retryAfter) implements OrderOutcome {}

    /** Anything else: 4xx other than 409, 5xx. {@code retryAfter} is zero unless the edge sent one (503, 429). */
    record Failed(int status, Problem problem, Duration retryAfter) implements OrderOutcome {}
}
