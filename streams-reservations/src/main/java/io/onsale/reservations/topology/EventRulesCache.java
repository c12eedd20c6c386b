package io.onsale.reservations.topology;

import io.onsale.reservations.domain.OrderRules;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The order rules of each event, decoded once per config and shared by every task of one topology: a 60,000-seat
 * config is megabytes of Avro, far too much to decode for every order, or again in every task every few seconds.
 * The global catalogue's updater {@link #invalidate invalidates} an event the moment its config changes; the
 * {@link #MAX_AGE} is only a safety net for changes that bypass the updater (a global store restored from its topic).
 *
 * <p>Safe across stream threads and the global thread: a copy decoded from the store before a change is never
 * cached after that change's invalidation (each event's generation is checked before a copy is kept).
 */
final class EventRulesCache {

    static final Duration MAX_AGE = Duration.ofSeconds(30);

    record Rules(OrderRules orderRules, Map<String, String> sectionOfSeat) {}

    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    private record Entry(Rules rules, long loadedAt) {}

    EventRulesCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * @param catalogue the global store's read of an event's config (the same store for every task of an instance)
     * @return {@code null} when the catalogue does not know the event
     */
    Rules rules(String eventId, Function<String, EventConfig> catalogue) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(eventId);
        if (entry != null && now - entry.loadedAt() <= MAX_AGE.toNanos()) {
            return entry.rules();
        }
        AtomicLong generation = generations.computeIfAbsent(eventId, id -> new AtomicLong());
        long seen = generation.get();
        Rules loaded = load(catalogue.apply(eventId));
        if (loaded == null) {
            // Not cached: an event configured a moment ago must not look unknown for a while.
            entries.remove(eventId);
            return null;
        }
        entries.compute(eventId, (id, current) -> generation.get() == seen ? new Entry(loaded, now) : null);
        return loaded;
    }

    /** The event's config changed in the catalogue: the next order decodes it again. */
    void invalidate(String eventId) {
        generations.computeIfAbsent(eventId, id -> new AtomicLong()).incrementAndGet();
        entries.remove(eventId);
    }

    private static Rules load(EventConfig config) {
        if (config == null) {
            return null;
        }
        Map<String, String> sectionOfSeat = new HashMap<>();
        for (Section section : config.getSections()) {
            for (Seat seat : section.getSeats()) {
                sectionOfSeat.put(seat.getSeatId(), section.getSectionId());
            }
        }
        return new Rules(
                new OrderRules(config.getPerBuyerLimit(), config.getSaleOpensAt(), config.getCurrency()),
                Map.copyOf(sectionOfSeat));
    }
}
