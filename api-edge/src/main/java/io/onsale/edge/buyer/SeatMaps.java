package io.onsale.edge.buyer;

import io.onsale.edge.platform.ReservationsStreams;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seat maps, encoded, kept for {@link #FRESH_FOR} on the instance that answered them: in an on-sale thousands of
 * buyers read the same section every second, and each read was a scan of the section's seats, an Avro decode per
 * seat and a JSON encoding (docs/benchmarks.md, holds-http). A seat map is advisory (the engine decides every hold),
 * so a tenth of a second is a fair price; never served while the reservation state is not RUNNING (rebalancing
 * answers 503, not a copy).
 */
@Component
class SeatMaps {

    static final Duration FRESH_FOR = Duration.ofMillis(100);
    /** Sections across every event; beyond it, stale maps are dropped. */
    private static final int MAX_ENTRIES = 2_000;

    private record Encoded(byte[] json, long encodedAt) {
    }

    private final ReservationsStreams streams;
    private final JsonMapper json;
    private final LongSupplier nanoTime;
    private final Map<String, Encoded> maps = new ConcurrentHashMap<>();

    @Autowired
    SeatMaps(ReservationsStreams streams, JsonMapper json) {
        this(streams, json, System::nanoTime);
    }

    SeatMaps(ReservationsStreams streams, JsonMapper json, LongSupplier nanoTime) {
        this.streams = streams;
        this.json = json;
        this.nanoTime = nanoTime;
    }

    /** The section's map as encoded less than {@link #FRESH_FOR} ago, while the state is queryable. */
    Optional<byte[]> fresh(String eventId, String sectionId) {
        Encoded encoded = maps.get(key(eventId, sectionId));
        if (encoded == null || nanoTime.getAsLong() - encoded.encodedAt() > FRESH_FOR.toNanos()
                || streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(encoded.json());
    }

    /** Encodes a map just read from the engine's state and keeps it. */
    byte[] encode(SeatMap map) {
        byte[] encoded = json.writeValueAsBytes(map);
        long now = nanoTime.getAsLong();
        if (maps.size() >= MAX_ENTRIES) {
            maps.values().removeIf(old -> now - old.encodedAt() > FRESH_FOR.toNanos());
        }
        maps.put(key(map.eventId(), map.sectionId()), new Encoded(encoded, now));
        return encoded;
    }

    private static String key(String eventId, String sectionId) {
        return eventId + "|" + sectionId;
    }
}
