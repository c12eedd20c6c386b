package io.onsale.reservations.topology;

import io.onsale.reservations.domain.OrderRules;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The order rules of each event, read from the global catalogue store and kept decoded for a short while:
 * a 60,000-seat config is megabytes of Avro, far too much to decode for every order. A changed config is
 * seen within {@link #MAX_AGE}.
 */
final class EventRulesCache {

    static final Duration MAX_AGE = Duration.ofSeconds(2);

    record Rules(OrderRules orderRules, Map<String, String> sectionOfSeat) {
    }

    private final Function<String, EventConfig> catalogue;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new HashMap<>();

    private record Entry(Rules rules, long loadedAt) {
    }

    EventRulesCache(Function<String, EventConfig> catalogue, LongSupplier nanoTime) {
        this.catalogue = catalogue;
        this.nanoTime = nanoTime;
    }

    /** {@code null} when the catalogue does not know the event. */
    Rules rules(String eventId) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(eventId);
        if (entry == null || now - entry.loadedAt() > MAX_AGE.toNanos()) {
            Rules loaded = load(eventId);
            if (loaded == null) {
                // Not cached: an event configured a moment ago must not look unknown for the next two seconds.
                entries.remove(eventId);
                return null;
            }
            entry = new Entry(loaded, now);
            entries.put(eventId, entry);
        }
        return entry.rules();
    }

    private Rules load(String eventId) {
        EventConfig config = catalogue.apply(eventId);
        if (config == null) {
            return null;
        }
        Map<String, String> sectionOfSeat = new HashMap<>();
        for (Section section : config.getSections()) {
            for (Seat seat : section.getSeats()) {
                sectionOfSeat.put(seat.getSeatId(), section.getSectionId());
            }
        }
        return new Rules(new OrderRules(config.getPerBuyerLimit(), config.getSaleOpensAt(), config.getCurrency()),
                sectionOfSeat);
    }
}
