package io.onsale.edge.buyer;

import io.onsale.edge.platform.CommittedAnswers;
import io.onsale.kafka.compat.OrderReasons;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last committed answer about each order of the last minutes, as every instance's follower of {@code order-events}
 * reads it (all partitions). An order answered by its section (ADR 0009) reaches its buyer's books a moment later, and
 * much later under overload, when the books wait behind the holds on the same stream thread: a buyer who was told 201
 * must still find the order and pay for it. The books stay the truth; this only bridges the moment before they know.
 * Bounded: {@link #KEEP} and {@link #MAX_ORDERS}, oldest first.
 */
@Component
class RecentOrders {

    static final Duration KEEP = Duration.ofMinutes(15);
    static final int MAX_ORDERS = 200_000;

    private record Seen(String orderId, Instant at) {}

    private record Latest(OrderEvent answer, Instant at) {}

    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> order = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    @Autowired
    RecentOrders(CommittedAnswers<OrderEvent> orderAnswers, Clock clock) {
        this(clock);
        orderAnswers.onEveryAnswer(this::remember);
    }

    RecentOrders(Clock clock) {
        this.clock = clock;
    }

    void remember(OrderEvent answer) {
        if (answer.getOrderId() == null || OrderReasons.of(answer) == OrderReason.UNKNOWN_ORDER) {
            return;
        }
        Instant now = clock.instant();
        latest.put(answer.getOrderId(), new Latest(answer, now));
        order.add(new Seen(answer.getOrderId(), now));
        Instant horizon = now.minus(KEEP);
        for (Seen oldest = order.peek();
                oldest != null && (oldest.at().isBefore(horizon) || latest.size() > MAX_ORDERS);
                oldest = order.peek()) {
            order.poll();
            Seen evicted = oldest;
            // Only if no later answer about the same order came since.
            latest.computeIfPresent(evicted.orderId(), (id, kept) -> kept.at().equals(evicted.at()) ? null : kept);
        }
    }

    /** The last answer about {@code orderId}, when it is {@code buyerId}'s. */
    Optional<OrderEvent> of(String orderId, String buyerId) {
        return Optional.ofNullable(latest.get(orderId))
                .map(Latest::answer)
                .filter(answer -> answer.getBuyerId().equals(buyerId));
    }

    /**
     * The committed answer to the placement {@code requestId} of {@code buyerId}'s order, while it is still the last
     * answer about that order (not yet paid, cancelled or expired since): what the engine answers a retry of it with.
     */
    Optional<OrderEvent> placed(String orderId, String requestId, String buyerId) {
        return of(orderId, buyerId).filter(answer -> requestId.equals(answer.getRequestId()));
    }

    /** Forgets every answer (an instance that starts over; tests). */
    void clear() {
        latest.clear();
        order.clear();
    }
}
