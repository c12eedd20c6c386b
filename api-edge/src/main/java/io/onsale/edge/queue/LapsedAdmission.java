package io.onsale.edge.queue;

import io.onsale.edge.problem.ApiProblem;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * An order request whose admission token is the buyer's own for this event but whose purchase window has ended,
 * sent with an {@code Idempotency-Key}: it may be the retry of an order placed within the window (the first answer
 * lost on the way), which must get the same answer, not a 401. {@link AdmissionFilter} lets such a request through
 * marked with the refusal; the order endpoint answers it from the order already placed under that key, or with
 * this refusal when there is none. It never places a new order.
 */
public final class LapsedAdmission {

    private static final String ATTRIBUTE = LapsedAdmission.class.getName();

    private LapsedAdmission() {}

    /** Public for the order endpoint's tests; a mark can only turn a placement into a replay, never the other way. */
    public static void mark(ServerWebExchange exchange, ApiProblem refusal) {
        exchange.getAttributes().put(ATTRIBUTE, refusal);
    }

    /** The admission refusal to answer unless this request retries an order placed within the window. */
    public static Optional<ApiProblem> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
