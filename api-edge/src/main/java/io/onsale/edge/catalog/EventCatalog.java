package io.onsale.edge.catalog;

import io.onsale.edge.platform.Engine;
import io.onsale.schema.config.EventConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Validated event configs, as the engine holds them (the global store {@code events}, every instance has them all). Each event's
 * index is built once per config: a 50,000-seat config is megabytes of Avro, and decoding it on requests costs more
 * than the requests. The topology tells this catalogue the moment a config changes
 * ({@link Engine#onCatalogChange}); {@link #MAX_AGE} is only a safety net for changes that bypass that
 * (a global store restored from its topic).
 */
@Component
public class EventCatalog {

    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private record Cached(EventIndex index, Instant loadedAt) {}

    private final Engine streams;
    private final Clock clock;
    private final Map<String, Cached> indexes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    EventCatalog(Engine streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
        streams.onCatalogChange(this::invalidate);
    }

    /** The config as stored now, bypassing the index cache. */
    public Optional<EventConfig> find(String eventId) {
        return streams.event(eventId);
    }

    public Optional<EventIndex> index(String eventId) {
        Instant now = clock.instant();
        Cached cached = indexes.get(eventId);
        if (cached != null && cached.loadedAt().plus(MAX_AGE).isAfter(now)) {
            return Optional.of(cached.index());
        }
        AtomicLong generation = generations.computeIfAbsent(eventId, id -> new AtomicLong());
        long seen = generation.get();
        Optional<EventIndex> fresh = find(eventId).map(EventIndex::new);
        if (fresh.isEmpty()) {
            indexes.remove(eventId);
            return fresh;
        }
        // An index built from the config before a change is not kept past that change's invalidation.
        indexes.compute(eventId, (id, current) -> generation.get() == seen ? new Cached(fresh.get(), now) : current);
        return fresh;
    }

    /** Forget an event's index: its config changed (told by the topology, or by the organizer endpoint here). */
    public void invalidate(String eventId) {
        generations.computeIfAbsent(eventId, id -> new AtomicLong()).incrementAndGet();
        indexes.remove(eventId);
    }
}
