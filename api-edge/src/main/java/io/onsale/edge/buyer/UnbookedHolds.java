package io.onsale.edge.buyer;

import io.onsale.kafka.topics.PartitionKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Orders this instance answered HELD that the buyer's books may not show yet. A section answers an order one hop
 * before the books take it in (ADR 0009), so a buyer who orders again at once would be counted against the limit
 * without their newest hold, and held beyond it until the books give the extra order back. Counting these too lets the
 * edge refuse every sequential over-limit attempt it answered itself. An entry goes when the books show its order, or
 * after {@code horizon}; counting one too long only sends an order the longer way, to the books, which decide it
 * afresh.
 */
final class UnbookedHolds {

    private record Held(String buyer, String orderId, Instant at) {}

    private final Duration horizon;
    private final Clock clock;
    private final Map<String, Map<String, Integer>> byBuyer = new ConcurrentHashMap<>();
    /** In the order they were answered, so the oldest are always at the head. */
    private final Queue<Held> byAge = new ConcurrentLinkedQueue<>();

    UnbookedHolds(Duration horizon, Clock clock) {
        this.horizon = horizon;
        this.clock = clock;
    }

    void held(String eventId, String buyerId, String orderId, int tickets) {
        Instant now = clock.instant();
        forgetOlderThan(now.minus(horizon));
        String buyer = buyer(eventId, buyerId);
        byBuyer.computeIfAbsent(buyer, key -> new ConcurrentHashMap<>()).put(orderId, tickets);
        byAge.add(new Held(buyer, orderId, now));
    }

    /**
     * Tickets of the buyer's orders answered HELD here and not yet {@code booked}, {@code except} that order; those the
     * books show are forgotten.
     */
    int tickets(String eventId, String buyerId, String except, Predicate<String> booked) {
        forgetOlderThan(clock.instant().minus(horizon));
        Map<String, Integer> orders = byBuyer.get(buyer(eventId, buyerId));
        if (orders == null) {
            return 0;
        }
        orders.keySet().removeIf(booked);
        return orders.entrySet().stream()
                .filter(order -> !order.getKey().equals(except))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    private void forgetOlderThan(Instant cutoff) {
        for (Held oldest = byAge.peek(); oldest != null && oldest.at().isBefore(cutoff); oldest = byAge.peek()) {
            if (byAge.remove(oldest)) {
                String orderId = oldest.orderId();
                byBuyer.computeIfPresent(oldest.buyer(), (key, orders) -> {
                    orders.remove(orderId);
                    return orders.isEmpty() ? null : orders;
                });
            }
        }
    }

    private static String buyer(String eventId, String buyerId) {
        return PartitionKeys.order(eventId, buyerId);
    }
}
