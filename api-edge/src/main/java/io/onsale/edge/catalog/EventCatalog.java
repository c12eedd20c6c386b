package io.onsale.edge.catalog;

import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

/**
 * Validated event configs, read from the global store {@code events} that every instance holds in full.
 * Indexes are kept for a second: reading a 50,000-seat config on every order would cost more than the order.
 */
@Component
public class EventCatalog {

    private static final Duration INDEX_TTL = Duration.ofSeconds(1);

    private record Cached(EventIndex index, Instant loadedAt) {
    }

    private final ReservationsStreams streams;
    private final Clock clock;
    private final Map<String, Cached> indexes = new ConcurrentHashMap<>();

    EventCatalog(ReservationsStreams streams) {
        this.streams = streams;
        this.clock = Clock.systemUTC();
    }

    /** The config as stored now, bypassing the index cache. */
    public Optional<EventConfig> find(String eventId) {
        ReadOnlyKeyValueStore<String, EventConfig> events =
                streams.store(ReservationsTopology.EVENTS_STORE, QueryableStoreTypes.keyValueStore());
        return Optional.ofNullable(events.get(eventId));
    }

    public Optional<EventIndex> index(String eventId) {
        Instant now = clock.instant();
        Cached cached = indexes.get(eventId);
        if (cached != null && cached.loadedAt().plus(INDEX_TTL).isAfter(now)) {
            return Optional.of(cached.index());
        }
        Optional<EventIndex> fresh = find(eventId).map(EventIndex::new);
        fresh.ifPresentOrElse(index -> indexes.put(eventId, new Cached(index, now)), () -> indexes.remove(eventId));
        return fresh;
    }

    /** Forget a cached index (the organizer just changed the config through this instance). */
    public void invalidate(String eventId) {
        indexes.remove(eventId);
    }
}
