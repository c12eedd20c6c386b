package io.onsale.edge.queue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event's admitted places whose buyer left the queue, each until the end of its purchase window: an admission
 * token is a signed, stateless proof of a place, so after a {@code LEFT} answer the token would still let its buyer
 * order while the slot it occupied went to the next buyer. Every instance reads the room's answers
 * ({@link QueueProgressView}), so every instance refuses such a token. A place is kept no longer than its token
 * could be used (its window), so this holds the leavers of the last purchase window at most.
 */
final class GivenUpPlaces {

    private static final int PRUNE_EVERY = 1_024;

    private record Place(String buyerId, long position) {}

    private final Map<Place, Instant> windowEndsAt = new ConcurrentHashMap<>();
    private final AtomicInteger addedSincePrune = new AtomicInteger();

    void add(String buyerId, long position, Instant windowEnds, Instant now) {
        windowEndsAt.put(new Place(buyerId, position), windowEnds);
        if (addedSincePrune.incrementAndGet() >= PRUNE_EVERY) {
            addedSincePrune.set(0);
            windowEndsAt.values().removeIf(end -> end.isBefore(now));
        }
    }

    boolean contains(String buyerId, long position) {
        return windowEndsAt.containsKey(new Place(buyerId, position));
    }

    int size() {
        return windowEndsAt.size();
    }
}
